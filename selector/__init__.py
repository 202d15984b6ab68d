"""CRM Selector: helps a company choose a CRM — the kind of solution and the vendor."""

__version__ = "0.1.0"
