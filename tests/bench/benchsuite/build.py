"""Builds what the suite needs, in the build folder it is given (default: the project's build/)."""
import os
import re
import shutil
import subprocess

TARGETS = ["sregistry-server", "bench-make-sif", "bench-registry-generator", "bench-push-latency",
           "bench-metadata-queries", "bench-static-server", "bench-chart"]


def cache_value(build_dir, name):
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
            for line in f:
                match = re.match(rf"{name}:\w+=(.*)", line.strip())
                if match:
                    return match.group(1)
    except OSError:
        pass
    return None


def ensure_built(source_dir, build_dir, jobs=2):
    """Configures (Release, Ninja) when the folder has no cache yet, then builds only the suite's targets."""
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
        generator = ["-G", "Ninja"] if shutil.which("ninja") else []
        subprocess.run(["cmake", "-S", source_dir, "-B", build_dir, *generator, "-DCMAKE_BUILD_TYPE=Release"],
                       check=True)
    bench = os.path.join(source_dir, "tests", "bench")
    optional = []
    if cache_value(build_dir, "BUILD_GUI") in ("ON", "1", "TRUE") and os.path.exists(
            os.path.join(bench, "gui", "CMakeLists.txt")):
        optional.append("tests/bench/gui/all")
    for folder in ("storage", "remote"):
        if os.path.exists(os.path.join(bench, folder, "CMakeLists.txt")):
            optional.append(f"tests/bench/{folder}/all")
    # Reconfigure first: a gui/ or storage/ folder that appeared since is picked up by tests/bench/CMakeLists.txt.
    subprocess.run(["cmake", build_dir], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, f"-j{jobs}", "--target", *TARGETS], check=True)
    # Other engineers' benchmark programs: a build failure there marks their rows, it does not stop the suite.
    for target in optional:
        if subprocess.run(["cmake", "--build", build_dir, f"-j{jobs}", "--target", target]).returncode != 0:
            print(f"warning: {target} did not build; its measures will say so", flush=True)
    return cache_value(build_dir, "CMAKE_BUILD_TYPE") or "?"
