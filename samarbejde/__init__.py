"""samarbejde: the guide to good collaboration between civil society and municipalities."""

__version__ = "0.1.0"
