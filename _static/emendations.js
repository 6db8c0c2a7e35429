// Escape hides an emendation's popover, as content shown on hover or focus must be dismissible (WCAG 1.4.13);
// it shows again when the pointer or focus comes back. Without script the popover works on hover and focus.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".emend:hover, .emend:focus-within").forEach((el) => el.classList.add("emend-dismissed"));
});
for (const type of ["focusin", "mouseover"]) {
  document.addEventListener(type, (event) => {
    const emend = event.target.closest && event.target.closest(".emend");
    if (emend && !(event.relatedTarget && emend.contains(event.relatedTarget))) emend.classList.remove("emend-dismissed");
  });
}
