#!/usr/bin/env python3
"""Start-to-REST-ready time and idle RSS of `connectd --standalone`.

Starts the binary N times with a minimal worker.properties, measures the wall time from
exec until GET / answers 200 (polling a raw socket every 0.5 ms), then lets it idle and reads
VmRSS/VmHWM from /proc. Prints one line per run and the medians. Not a test: it never fails
on a number.

    bench/startup.py [--binary build/connectd] [--runs 20] [--idle 2.0]
"""
import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get_root(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = s.recv(64)
            return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/connectd")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--idle", type=float, default=2.0)
    ap.add_argument("--bootstrap", default=os.environ.get("KAFKA_BOOTSTRAP", "127.0.0.1:9092"))
    args = ap.parse_args()

    ready_ms, rss, hwm = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            port = free_port()
            props = os.path.join(tmp, "worker.properties")
            with open(props, "w") as f:
                f.write(f"bootstrap.servers={args.bootstrap}\n")
                f.write("key.converter=org.apache.kafka.connect.json.JsonConverter\n")
                f.write("value.converter=org.apache.kafka.connect.json.JsonConverter\n")
                f.write(f"offset.storage.file.filename={tmp}/offsets\n")
                f.write(f"listeners=http://127.0.0.1:{port}\n")
            t0 = time.perf_counter()
            p = subprocess.Popen([args.binary, "--standalone", props],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while not get_root(port):
                if p.poll() is not None:
                    raise SystemExit(f"connectd exited with {p.returncode}")
                time.sleep(0.0005)
            ready = (time.perf_counter() - t0) * 1000
            time.sleep(args.idle)
            r, h = rss_kib(p.pid, "VmRSS"), rss_kib(p.pid, "VmHWM")
            p.terminate()
            p.wait(timeout=30)
            ready_ms.append(ready)
            rss.append(r)
            hwm.append(h)
            print(f"run {i + 1:2d}: ready {ready:6.1f} ms  idle RSS {r / 1024:5.1f} MiB  peak RSS {h / 1024:5.1f} MiB")
    print(f"median: ready {statistics.median(ready_ms):.1f} ms, idle RSS {statistics.median(rss) / 1024:.1f} MiB, "
          f"peak RSS {statistics.median(hwm) / 1024:.1f} MiB over {args.runs} runs")


if __name__ == "__main__":
    main()
