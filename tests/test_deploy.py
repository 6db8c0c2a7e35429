"""Deployment: the GitHub Pages workflow, the edition's address, and who stands behind the edition.

The workflow is checked against the GitHub workflow schema (check-jsonschema, offline) and read as a reviewer
would: actions pinned by commit, least permissions, the README's commands, the address passed to the build.
The address (``edition.metadata.address()``) and the credits come from the environment and CITATION.cff; a
fixture build and the writers of the PDF's lines show them reaching every page, tag and line.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from edition import ROOT, essays, exports, metadata, structured_data
from edition_ext import charts, edition_meta, printedition
from sphinxbook import build

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ADDRESS = "https://editors.example.org/two-essays/"


@pytest.fixture
def address(monkeypatch):
    """EDITION_URL set as the deployment sets it (no trailing slash), with the metadata read again."""
    monkeypatch.setenv(metadata.ENV_URL, ADDRESS.rstrip("/"))
    metadata.edition.cache_clear()
    yield ADDRESS
    monkeypatch.delenv(metadata.ENV_URL)
    metadata.edition.cache_clear()


@pytest.fixture
def no_address(monkeypatch):
    monkeypatch.delenv(metadata.ENV_URL, raising=False)
    metadata.edition.cache_clear()
    yield
    metadata.edition.cache_clear()


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


# The workflow -------------------------------------------------------------------------------------------------

def test_the_workflow_is_valid_against_the_github_workflow_schema():
    tool = Path(sys.executable).with_name("check-jsonschema")
    run = subprocess.run([str(tool), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_workflow_the_schema_refuses_is_refused(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    step: []\n", encoding="utf-8")
    tool = Path(sys.executable).with_name("check-jsonschema")
    run = subprocess.run([str(tool), "--builtin-schema", "vendor.github-workflows", str(bad)],
                         capture_output=True, text=True)
    assert run.returncode != 0


def test_every_action_is_pinned_by_a_full_commit_sha_with_its_tag_beside_it():
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert {u.split("@")[0] for u, _ in uses} == {"actions/checkout", "actions/configure-pages",
                                                   "actions/upload-pages-artifact", "actions/deploy-pages"}
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action} is not pinned by commit"
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{action} has no release tag beside it"


def test_each_job_has_only_the_permissions_it_uses():
    flow = _workflow()
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    checkout = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_the_workflow_runs_the_readmes_commands_and_publishes_the_whole_site():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    steps = _workflow()["jobs"]["build"]["steps"]
    runs = [s["run"].strip() for s in steps if "run" in s]
    assert runs == ["make test", "make all"]
    for command in runs:
        assert f"make {command.split()[1]} " in targets and command in readme
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"


def test_the_build_reads_the_address_configure_pages_gives():
    steps = _workflow()["jobs"]["build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    built = next(s for s in steps if s.get("run", "").strip() == "make all")
    assert built["env"] == {metadata.ENV_URL: "${{ steps.%s.outputs.base_url }}" % pages["id"]}


# The address --------------------------------------------------------------------------------------------------

def test_the_address_comes_from_the_deployment_then_citation_cff(tmp_path, monkeypatch, no_address):
    cff = tmp_path / "CITATION.cff"
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    cff.write_text(text, encoding="utf-8")
    assert metadata.edition.__wrapped__(cff, metadata.EDITION_YML).url == ""
    cff.write_text(text + 'url: "https://cff.example.org/ed"\n', encoding="utf-8")
    assert metadata.edition.__wrapped__(cff, metadata.EDITION_YML).url == "https://cff.example.org/ed/"
    monkeypatch.setenv(metadata.ENV_URL, "https://deployed.example.org/x")
    assert metadata.edition.__wrapped__(cff, metadata.EDITION_YML).url == "https://deployed.example.org/x/"
    monkeypatch.setenv(metadata.ENV_URL, "javascript:alert(1)")
    with pytest.raises(metadata.MetadataError, match=r"EDITION_URL.*http\(s\)"):
        metadata.edition.__wrapped__(cff, metadata.EDITION_YML)


def test_without_an_address_there_is_none(no_address):
    assert metadata.address() is None


def test_the_pdfs_lines_carry_the_address(address):
    assert metadata.address() == ADDRESS
    macros = printedition._credit_macros()
    assert f"\\newcommand\\edaddress{{Online edition: \\url{{{ADDRESS}}}.}}" in macros

    class Translator:  # what the chart's LaTeX visitor reads of the translator
        body: list[str] = []

        class builder:
            class env:
                edition_charts = {"chapters/data": [("trade", "fig-trade")]}

    translator = Translator()
    charts.depart_chart_figure_latex(translator, {"ids": ["fig-trade"]})
    assert f"\\url{{{ADDRESS}chapters/data.html\\#fig-trade}}" in "".join(translator.body)


def test_without_an_address_the_pdf_says_so(no_address):
    assert "\\newcommand\\edaddress{The edition has no public address yet.}" in printedition._credit_macros()


def _fixture_pages() -> dict[str, str]:
    work = essays.works()[0]
    return {
        "index": f"# Fixture\n\n:::{{credits}}\n:::\n\n:::{{how-to-cite}} edition\n:::\n\n"
                 f"```{{toctree}}\n{work.docname}\n```\n",
        work.docname: f"# {work.title}\n\n:::{{how-to-cite}} {work.key}\n:::\n\nWords.\n",
    }


EXTENSIONS = ["edition_ext.how_to_cite", "edition_ext.edition_meta", "edition_ext.credits", "edition_ext.discovery"]


def test_with_an_address_every_page_tag_and_file_carries_it(tmp_path, address):
    work = essays.works()[0]
    book = build(tmp_path, _fixture_pages(), EXTENSIONS)
    assert book.returncode == 0, book.stderr
    index, page = book.page("index"), book.page(work.docname)
    assert index.find("link", rel="canonical")["href"] == ADDRESS + "index.html"
    assert page.find("link", rel="canonical")["href"] == ADDRESS + work.page
    assert page.find("meta", attrs={"name": "citation_public_url"})["content"] == ADDRESS + work.page
    assert index.find("meta", attrs={"name": "DC.identifier"})["content"] == ADDRESS
    assert page.find("meta", property="og:url")["content"] == ADDRESS + work.page
    assert f"{ADDRESS}{work.page}." in page.find(class_="how-to-cite").get_text()
    assert f"Online at {ADDRESS}" in index.find(class_="edition-credits").get_text()
    record = json.loads(page.find("script", type="application/ld+json").string)
    assert record["url"] == ADDRESS + work.page and record["isPartOf"]["url"] == ADDRESS
    sitemap = (book.out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{ADDRESS}{work.page}</loc>" in sitemap and f"<loc>{ADDRESS}index.html</loc>" in sitemap
    assert f"Sitemap: {ADDRESS}sitemap.xml" in (book.out / "robots.txt").read_text(encoding="utf-8")
    assert f'href="/two-essays/_static/' in (book.out / "404.html").read_text(encoding="utf-8")
    for ext in ("bib", "ris", "json"):
        assert ADDRESS + work.page in (book.out / "cite" / f"{work.key}.{ext}").read_text(encoding="utf-8")


def test_without_an_address_nothing_claims_one(tmp_path, no_address):
    work = essays.works()[0]
    book = build(tmp_path, _fixture_pages(), EXTENSIONS)
    assert book.returncode == 0, book.stderr
    page = book.page(work.docname)
    assert page.find("link", rel="canonical") is None and page.find("meta", property="og:url") is None
    assert page.find("meta", attrs={"name": "citation_public_url"}) is None
    assert not (book.out / "sitemap.xml").exists()
    assert "Sitemap" not in (book.out / "robots.txt").read_text(encoding="utf-8")
    assert page.find(class_="how-to-cite")["data-relative-page"] == work.page
    assert "The edition has no public address yet." in book.page("index").find(class_="edition-credits").get_text()


# Who stands behind it -----------------------------------------------------------------------------------------

NAMED = """\
authors:
  - given-names: Ada
    family-names: Example
  - given-names: Jan
    name-particle: van
    family-names: Probe
preferred-citation:
  type: book
  title: "{title}"
  authors:
    - given-names: Ada
      family-names: Example
  publisher:
    name: "Example University Press"
    city: Example City
"""


@pytest.fixture
def named(tmp_path, no_address):
    """A copy of the edition's data whose CITATION.cff names two editors and a publisher."""
    root = tmp_path / "book"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy2(ROOT / "references.bib", root / "references.bib")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    extra = yaml.safe_load(NAMED.format(title=cff["title"]))
    cff.update(extra)
    (root / "CITATION.cff").write_text(yaml.safe_dump(cff, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_the_committed_citation_cff_names_no_one_and_says_so(no_address):
    ed = metadata.edition()
    assert ed.editors == () and ed.publisher == ""
    assert metadata.credits(ed) == ("The editors' names are not yet set in this version.",
                                    "There is no publisher yet.")
    assert "Edited by" not in printedition._credit_macros()
    for ext, _, render in exports.FORMATS:
        assert "Example" not in render(ed, None)
    assert "editor" not in structured_data.book(ed, []) and "publisher" not in structured_data.book(ed, [])
    assert not [t for t in edition_meta.edition_tags(ed) if t[0] in ("citation_editor", "DC.publisher")]


def test_named_editors_and_publisher_are_valid_cff(named):
    schema = json.loads((ROOT / "tests" / "fixtures" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load((named / "CITATION.cff").read_text(encoding="utf-8")), default=str))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def test_named_editors_and_publisher_flow_into_every_format(named):
    ed = metadata.edition.__wrapped__(named / "CITATION.cff", metadata.EDITION_YML)
    work = essays.works()[0]
    assert metadata.credits(ed) == ("Edited by Ada Example and Jan van Probe.", "Published by Example University Press.")
    bib = exports.bibtex(ed, None)
    assert "Example, Ada and van Probe, Jan" in bib and "Example University Press" in bib
    assert "A2  - Example, Ada" in exports.ris(ed, work) and "PB  - Example University Press" in exports.ris(ed, work)
    item = exports.csl_items(ed, None)[0]
    assert item["editor"][0] == {"family": "Example", "given": "Ada"} and item["publisher"] == "Example University Press"
    tags = edition_meta.essay_tags(ed, work)
    assert ("citation_editor", "Example, Ada") in tags and ("DC.publisher", "Example University Press") in tags
    record = structured_data.book(ed, [(work.page, work.title, work)])
    assert [p["name"] for p in record["editor"]] == ["Ada Example", "Jan van Probe"]
    assert record["publisher"]["name"] == "Example University Press"


def test_named_editors_reach_the_landing_page_and_its_json_ld(tmp_path, named):
    book = build(tmp_path, _fixture_pages(), EXTENSIONS, root=named)
    assert book.returncode == 0, book.stderr
    index = book.page("index")
    text = index.find(class_="edition-credits").get_text()
    assert "Edited by Ada Example and Jan van Probe. Published by Example University Press." in text
    record = json.loads(index.find("script", type="application/ld+json").string)
    assert record["publisher"]["name"] == "Example University Press"
    assert index.find("meta", attrs={"name": "citation_publisher"})["content"] == "Example University Press"
    assert "Example, Ada and van Probe, Jan" in (book.out / "cite" / "edition.bib").read_text(encoding="utf-8")


def test_json_ld_text_can_never_close_its_script_element():
    record = {"name": "</script><script>alert(1)</script> & <!-- x"}
    text = structured_data.script(record)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == record
    html = BeautifulSoup(f'<script type="application/ld+json">{text}</script>', "html.parser")
    assert json.loads(html.script.string) == record
