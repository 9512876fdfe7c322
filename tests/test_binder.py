"""As close to a Binder build as this machine allows.

repo2docker installs binder/apt.txt (here: the machine's JDK and Maven), makes a fresh Python
environment from binder/requirements.txt, then runs binder/postBuild from the repository's root
with that environment first on PATH. This test does the same in a throwaway copy of the
repository, with a fresh venv (pip's wheels from ~/.cache/maplab/pip, so nothing is downloaded
again) and Jupyter's paths isolated, so that no other kernelspec or venv of the project is
visible. Then it runs notebooks/00-start-here.ipynb with the kernel postBuild installed.

A second case runs the same postBuild with a Maven that fails: it must stop and name the step.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

from common import ROOT, Stopwatch, base_env, clean_path, copy_tree, tail

MAPLAB_CACHE = os.environ.get("MAPLAB_CACHE") or os.path.expanduser("~/.cache/maplab")
KERNEL = "maplab-java"


class BinderBuild(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="maplab-binder-")
        cls.repo = os.path.join(cls.tmp, "repo")
        cls.venv = os.path.join(cls.tmp, "venv")
        copy_tree(cls.repo)
        with Stopwatch() as venv_time:
            subprocess.run(["python3", "-m", "venv", cls.venv], check=True)
            subprocess.run([os.path.join(cls.venv, "bin", "pip"), "install", "-q", "--disable-pip-version-check",
                            "-r", os.path.join(cls.repo, "binder", "requirements.txt")],
                           check=True, env=dict(os.environ, PIP_CACHE_DIR=os.path.join(MAPLAB_CACHE, "pip")))
        j = os.path.join(cls.tmp, "jupyter")
        cls.env = base_env(
            PATH=os.path.join(cls.venv, "bin") + os.pathsep + clean_path(MAPLAB_CACHE, sys.prefix),
            VIRTUAL_ENV=cls.venv,
            JUPYTER_DATA_DIR=os.path.join(j, "data"), JUPYTER_CONFIG_DIR=os.path.join(j, "config"),
            JUPYTER_RUNTIME_DIR=os.path.join(j, "runtime"), IPYTHONDIR=os.path.join(j, "ipython"),
            JUPYTER_PLATFORM_DIRS="1",
            # The project's own cache (and its venv) out of sight: postBuild must not need it.
            MAPLAB_CACHE=os.path.join(cls.tmp, "maplab-cache"))
        with Stopwatch() as build_time:
            cls.build = subprocess.run(["bash", "binder/postBuild"], cwd=cls.repo, env=cls.env,
                                       capture_output=True, text=True, timeout=1200)
        print(f"\n[binder] fresh venv {venv_time.seconds:.0f} s, postBuild {build_time.seconds:.0f} s",
              file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def assertBuilt(self):
        self.assertEqual(self.build.returncode, 0,
                         "postBuild failed:\n" + tail(self.build.stdout) + "\n" + tail(self.build.stderr))

    def test_postbuild_runs_every_step(self):
        self.assertBuilt()
        for n in (1, 2, 3, 4):
            self.assertIn(f"postBuild: step {n}: ", self.build.stdout)
        self.assertIn("postBuild: done", self.build.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.env["MAPLAB_CACHE"], "venv")),
                         "postBuild made or used MapLab's own venv instead of the environment's")

    def test_only_the_sys_prefix_kernel_is_visible(self):
        self.assertBuilt()
        out = subprocess.run(["jupyter", "kernelspec", "list", "--json"], env=self.env, cwd=self.tmp,
                             check=True, capture_output=True, text=True).stdout
        specs = json.loads(out)["kernelspecs"]
        self.assertIn(KERNEL, specs)
        self.assertEqual(os.path.realpath(specs[KERNEL]["resource_dir"]),
                         os.path.realpath(os.path.join(self.venv, "share", "jupyter", "kernels", KERNEL)))
        for name, spec in specs.items():
            # ipykernel's own python3 comes with the environment, as on Binder; nothing else may.
            self.assertTrue(os.path.realpath(spec["resource_dir"]).startswith(os.path.realpath(self.venv)),
                            f"kernelspec {name} from outside the environment: {spec['resource_dir']}")
        self.assertEqual(set(specs) - {"python3"}, {KERNEL})
        # The archive sits in the kernelspec's current version folder, named in its argv.
        archive = [a.split("=", 1)[1] for a in specs[KERNEL]["spec"]["argv"] if a.startswith("-XX:SharedArchiveFile=")]
        self.assertEqual(len(archive), 1, specs[KERNEL]["spec"]["argv"])
        self.assertTrue(os.path.exists(archive[0].replace("{resource_dir}", specs[KERNEL]["resource_dir"])),
                        "the class-data archive (warm JVM start) was not made")

    def test_start_here_notebook_runs_with_that_kernel(self):
        self.assertBuilt()
        out = os.path.join(self.tmp, "00-out.ipynb")
        script = textwrap.dedent(f"""
            import nbformat
            from nbclient import NotebookClient
            nb = nbformat.read({os.path.join(self.repo, "notebooks", "00-start-here.ipynb")!r}, as_version=4)
            NotebookClient(nb, kernel_name={KERNEL!r}, timeout=120, allow_errors=False).execute()
            nbformat.write(nb, {out!r})
        """)
        # The venv's own Python runs nbclient, so the kernel is found as Binder's Jupyter finds it.
        with Stopwatch() as t:
            run = subprocess.run([os.path.join(self.venv, "bin", "python"), "-c", script], env=self.env,
                                 cwd=os.path.join(self.repo, "notebooks"), capture_output=True, text=True,
                                 timeout=600)
        print(f"\n[binder] notebooks/00-start-here.ipynb ran in {t.seconds:.1f} s", file=sys.stderr)
        self.assertEqual(run.returncode, 0, "the notebook failed:\n" + tail(run.stderr))
        with open(out) as f:
            nb = json.load(f)
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
        self.assertFalse([o for o in outputs if o["output_type"] == "error"])
        svgs = [o["data"]["image/svg+xml"] for o in outputs if "image/svg+xml" in o.get("data", {})]
        self.assertTrue(svgs, "no SVG output in notebooks/00-start-here.ipynb")
        self.assertTrue("".join(svgs[0]).lstrip().startswith("<svg"))

    def test_apt_txt_lists_what_maplab_installs(self):
        # repo2docker installs apt.txt; ./maplab installs the same Debian packages when missing.
        with open(os.path.join(ROOT, "binder", "apt.txt")) as f:
            apt = {l.strip() for l in f if l.strip() and not l.startswith("#")}
        with open(os.path.join(ROOT, "scripts", "toolchain.sh")) as f:
            installed = set(re.findall(r"need\+=\(([\w.+-]+)\)", f.read()))
        self.assertEqual(apt, installed)
        self.assertEqual(apt, {"openjdk-17-jdk-headless", "maven"})

    def test_broken_postbuild_names_the_failed_step(self):
        # A Maven that fails, first on PATH: the build step must stop postBuild and be named.
        fake = os.path.join(self.tmp, "broken-mvn")
        os.makedirs(fake, exist_ok=True)
        with open(os.path.join(fake, "mvn"), "w") as f:
            f.write("#!/bin/sh\necho 'mvn: broken on purpose' >&2\nexit 1\n")
        os.chmod(os.path.join(fake, "mvn"), 0o755)
        env = dict(self.env, PATH=fake + os.pathsep + self.env["PATH"])
        run = subprocess.run(["bash", "binder/postBuild"], cwd=self.repo, env=env,
                             capture_output=True, text=True, timeout=600)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("postBuild: FAILED at step 1: build the project with Maven", run.stderr)
        self.assertNotIn("postBuild: step 2:", run.stdout)


if __name__ == "__main__":
    unittest.main()
