"""%maven against a file:// repository the test makes (no network): an artifact and its dependency
reach both the compiler and the cells' JVM, and are cached under $MAPLAB_CACHE/m2; a missing
artifact, bad coordinates and an unreachable repository each get a clear error."""
import os
import subprocess
import tempfile
import unittest
import zipfile

from jupyter_client.manager import KernelManager

from kernel_harness import KERNEL_NAME, execute

SOURCES = {
    "helper": ("demo/dep/Helper.java",
               "package demo.dep;\npublic class Helper { public static String name() { return \"helper\"; } }\n"),
    "greeter": ("demo/Greeter.java",
                "package demo;\npublic class Greeter { public static String hi() { return \"hi from \" + demo.dep.Helper.name(); } }\n"),
}


def pom(artifact, deps=""):
    return (f'<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
            f'<groupId>demo</groupId><artifactId>{artifact}</artifactId><version>1.0</version>'
            f'<dependencies>{deps}</dependencies></project>')


def make_repository(root):
    """demo:greeter:1.0, which depends on demo:helper:1.0, as Maven lays out a repository."""
    classes = os.path.join(root, "classes")
    for artifact in ("helper", "greeter"):
        path, text = SOURCES[artifact]
        src = os.path.join(root, "src", artifact, path)
        os.makedirs(os.path.dirname(src))
        with open(src, "w") as f:
            f.write(text)
        out = os.path.join(classes, artifact)
        subprocess.run(["javac", "--release", "17", "-d", out, "-cp", os.path.join(classes, "helper"), src], check=True)
        where = os.path.join(root, "repo", "demo", artifact, "1.0")
        os.makedirs(where)
        with zipfile.ZipFile(os.path.join(where, f"{artifact}-1.0.jar"), "w") as jar:
            for d, _, files in os.walk(out):
                for name in files:
                    full = os.path.join(d, name)
                    jar.write(full, os.path.relpath(full, out))
        deps = ("<dependency><groupId>demo</groupId><artifactId>helper</artifactId><version>1.0</version></dependency>"
                if artifact == "greeter" else "")
        with open(os.path.join(where, f"{artifact}-1.0.pom"), "w") as f:
            f.write(pom(artifact, deps))
    return "file://" + os.path.join(root, "repo")


def start(env):
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(env={**os.environ, **env})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def stdout(msgs):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


class MavenTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="maplab-maven-")
        cls.cache = os.path.join(cls.tmp.name, "cache")
        cls.url = make_repository(cls.tmp.name)
        cls.km, cls.kc = start({"MAPLAB_CACHE": cls.cache, "MAPLAB_MAVEN_REPOS": cls.url})

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)
        cls.tmp.cleanup()

    def test_an_artifact_and_its_dependency_reach_the_session(self):
        reply, msgs = execute(self.kc, "%maven demo:greeter:1.0")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertIn("Added demo:greeter:1.0 and 1 dependencies", stdout(msgs))
        for artifact in ("greeter", "helper"):
            self.assertTrue(os.path.isfile(os.path.join(self.cache, "m2", "demo", artifact, "1.0", f"{artifact}-1.0.jar")),
                            f"{artifact} is cached under $MAPLAB_CACHE/m2")
        reply, msgs = execute(self.kc, "demo.Greeter.hi()")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"],
                         ['"hi from helper"'])

    def test_a_missing_artifact_names_it_and_where_it_was_looked_for(self):
        reply, _ = execute(self.kc, "%maven demo:nope:1.0")
        self.assertEqual(reply["status"], "error")
        self.assertIn("demo:nope:1.0", reply["evalue"])
        self.assertIn(self.url, reply["evalue"])
        self.assertNotIn("\tat ", "\n".join(reply["traceback"]), "no stack trace")

    def test_bad_coordinates(self):
        reply, _ = execute(self.kc, "%maven just-a-name")
        self.assertEqual(reply["status"], "error")
        self.assertIn("'just-a-name' is not group:artifact:version", reply["evalue"])
        reply, _ = execute(self.kc, "%maven")
        self.assertIn("takes one or more", reply["evalue"])


class OfflineTests(unittest.TestCase):
    def test_an_unreachable_repository_says_so(self):
        with tempfile.TemporaryDirectory(prefix="maplab-maven-") as tmp:
            # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
            km, kc = start({"MAPLAB_CACHE": tmp, "MAPLAB_MAVEN_REPOS": "http://127.0.0.1:9/maven2"})
            try:
                reply, _ = execute(kc, "%maven demo:greeter:1.0")
                self.assertEqual(reply["status"], "error")
                self.assertIn("cannot reach http://127.0.0.1:9/maven2 (offline?)", reply["evalue"])
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
