"""Map the top-level ``rules/`` folder into the wheel as ``replylint.rules_data``.

Everything else about the package lives in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["replylint", "replylint.*"]), "replylint.rules_data"],
    package_dir={"replylint.rules_data": "rules"},
)
