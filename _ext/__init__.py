"""The edition's Sphinx extensions, one module per feature, installed with the project as ``edition_ext``."""
