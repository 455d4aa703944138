"""policybot: cited answers about Vietnamese policy documents."""

__version__ = "0.1.0"
