"""What the suite ran on: CPU (lscpu), RAM, the disk under the work folders, and how busy the machine was."""
import os
import platform
import subprocess


def _lscpu():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    except OSError:
        return {}
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _ram():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return "?"


def _disk(path):
    try:
        source = subprocess.run(["findmnt", "-n", "-o", "SOURCE,FSTYPE", "--target", path],
                                capture_output=True, text=True).stdout.split()
    except OSError:
        return "?"
    device = source[0] if source else "?"
    fstype = source[1] if len(source) > 1 else "?"
    name = os.path.basename(device)
    rotational = "?"
    try:
        with open(f"/sys/block/{name}/queue/rotational") as f:
            rotational = "rotational" if f.read().strip() == "1" else "non-rotational"
    except OSError:
        pass
    stat = os.statvfs(path)
    size = stat.f_blocks * stat.f_frsize / 1024 ** 3
    virtual = " (virtio)" if name.startswith("vd") else ""
    return f"{device}{virtual} {fstype}, {size:.0f} GiB, reported {rotational}"


def describe(work_dir):
    cpu = _lscpu()
    model = cpu.get("Model name", platform.processor() or "?")
    cpus = cpu.get("CPU(s)", str(os.cpu_count()))
    hypervisor = cpu.get("Hypervisor vendor")
    info = {
        "cpu": model + (f" ({hypervisor} guest)" if hypervisor else ""),
        "cpus": cpus,
        "ram": _ram(),
        "disk": _disk(work_dir),
        "kernel": platform.release(),
        "os": _os_name(),
        "load_at_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    info["summary"] = (f"{info['cpu']}, {cpus} CPUs, {info['ram']} RAM, disk {info['disk']}, {info['os']}, "
                       f"load average at start {info['load_at_start']}")
    return info


def _os_name():
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.system()
