"""LatentGym for Inspect AI: sequences of related tasks sharing a hidden latent.

The distribution and the import package are both ``latentgym`` so that Inspect finds tasks as
``latentgym/<env>``; the project is called latentgym-inspect.
"""

__version__ = "0.1.0"
