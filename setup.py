"""Setup for augpro. Everything it declares comes from settings.ini (the nbdev 2 layout)."""
from configparser import ConfigParser
from pathlib import Path

import setuptools

config = ConfigParser(delimiters=["="])
config.read(Path(__file__).parent / "settings.ini", encoding="utf-8")
cfg = config["DEFAULT"]

for key in ("lib_name", "user", "description", "keywords", "author", "author_email",
            "copyright", "version", "min_python", "license", "git_url"):
    if key not in cfg:
        raise KeyError(f"settings.ini is missing the '{key}' setting")

licenses = {"apache2": ("Apache Software License 2.0", "OSI Approved :: Apache Software License")}
statuses = ["1 - Planning", "2 - Pre-Alpha", "3 - Alpha", "4 - Beta", "5 - Production/Stable",
            "6 - Mature", "7 - Inactive"]
py_versions = "3.10 3.11 3.12 3.13".split()

requirements = cfg.get("requirements", "").split()
dev_requirements = cfg.get("dev_requirements", "").split()
peer_requirements = cfg.get("peer_requirements", "").split()   # augpro bench peer: PyTorch + transformers
static_requirements = cfg.get("static_requirements", "").split()   # static images of figures (kaleido; a Chromium beside)
ray_requirements = cfg.get("ray_requirements", "").split()         # augpro sweep --launcher ray
slurm_requirements = cfg.get("slurm_requirements", "").split()     # augpro sweep --launcher slurm (submitit)
lic = licenses[cfg["license"]]
min_python = cfg["min_python"]
console_scripts = [s for s in cfg.get("console_scripts", "").split() if s]

setuptools.setup(
    name=cfg["lib_name"],
    version=cfg["version"],
    license=lic[0],
    classifiers=[
        "Development Status :: " + statuses[int(cfg["status"])],
        "Intended Audience :: " + cfg["audience"].title(),
        "License :: " + lic[1],
        "Natural Language :: " + cfg["language"].title(),
    ] + ["Programming Language :: Python :: " + v
         for v in py_versions[py_versions.index(min_python):]],
    url=cfg["git_url"],
    # augpro, and the folders of data it ships: the papermill experiment notebooks and the YAML configs
    # (augpro.files finds them with importlib.resources)
    packages=setuptools.find_namespace_packages(include=["augpro", "augpro.*"], exclude=["*.__pycache__"]),
    include_package_data=True,
    package_data={"augpro.experiments": ["*.ipynb"], "augpro.configs": ["*.yaml"], "augpro.configs.paper": ["*.yaml"], "augpro.configs.mixkd": ["*.yaml"]},
    install_requires=requirements,
    extras_require={"dev": dev_requirements + static_requirements + ray_requirements + slurm_requirements,
                    "peer": peer_requirements, "static": static_requirements, "ray": ray_requirements,
                    "slurm": slurm_requirements},
    dependency_links=cfg.get("dep_links", "").split(),
    python_requires=">=" + min_python,
    long_description=(Path(__file__).parent / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    zip_safe=False,
    entry_points={"console_scripts": console_scripts, "nbdev": [f"{cfg['lib_name']}={cfg['lib_name']}._modidx:d"]},
    description=cfg["description"],
    author=cfg["author"],
    author_email=cfg["author_email"],
    keywords=cfg["keywords"],
)
