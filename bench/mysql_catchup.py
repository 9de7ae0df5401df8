#!/usr/bin/env python3
"""Binlog catch-up of the MySQL source: events/s, CPU-seconds per million events, peak RSS.

Two loads, each written while connectd is stopped so the connector then catches up on a
binlog that is already there (the issue's "catch-up"):
  * one transaction inserting N rows (default 1,000,000), multi-row INSERTs;
  * M single-row transactions (default 100,000).
For each: a fresh database and topic prefix, connectd --standalone with the seed's connector
(JsonConverter with schemas), the connector created on the empty table and its snapshot
awaited, connectd stopped, the load written, connectd started again; the clock and the CPU
counter start when the task is RUNNING again and stop when the topic holds every event.
CPU is the connectd process's utime+stime (/proc/<pid>/stat); peak RSS its VmHWM.
Not a test: it prints numbers and never fails on them.

    bench/mysql_catchup.py [--binary build/connectd] [--rows 1000000] [--txns 100000]
                           [--only one-transaction|single-row-transactions] [--perf PREFIX]
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

CLK = os.sysconf("SC_CLK_TCK")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def http(port, method, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except OSError:
        return 0, ""


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def mariadb(args, sql):
    subprocess.run(["mariadb", "-h127.0.0.1", f"-P{args.mariadb_port}", "-uroot", "-proot", "-e", sql],
                   check=True)


def topic_end(args, topic):
    """Sum of the high watermarks of `topic` (bench/tools/topic_end.cpp)."""
    out = subprocess.run([args.topic_end, args.bootstrap, topic], capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


class Worker:
    def __init__(self, args, tmp):
        self.args, self.tmp = args, tmp
        self.port = free_port()
        self.props = os.path.join(tmp, "worker.properties")
        with open(self.props, "w") as f:
            f.write(f"bootstrap.servers={args.bootstrap}\nlisteners=http://127.0.0.1:{self.port}\n"
                    f"offset.storage.file.filename={tmp}/offsets\noffset.flush.interval.ms=1000\n"
                    "key.converter=org.apache.kafka.connect.json.JsonConverter\n"
                    "value.converter=org.apache.kafka.connect.json.JsonConverter\n"
                    + "".join(p + "\n" for p in args.worker_property))
        self.proc = None

    def start(self, connector_file=None):
        cmd = [self.args.binary, "--standalone", self.props] + ([connector_file] if connector_file else [])
        self.log = open(os.path.join(self.tmp, "connectd.log"), "a")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        while http(self.port, "GET", "/")[0] != 200:
            time.sleep(0.01)

    def running(self, name):
        code, body = http(self.port, "GET", f"/connectors/{name}/status")
        if code != 200:
            return False
        j = json.loads(body)
        return j["connector"]["state"] == "RUNNING" and j["tasks"] and j["tasks"][0]["state"] == "RUNNING"

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)


def run_load(args, label, load_sql_writer, expected):
    tag = f"bench{int(time.time())}_{label.replace('-', '_')}"
    db = tag
    tmp = tempfile.mkdtemp(prefix="connectd-catchup-")
    try:
        mariadb(args, f"CREATE DATABASE {db}; CREATE TABLE {db}.t (id INT PRIMARY KEY, a VARCHAR(40) NOT NULL, "
                      f"b BIGINT NOT NULL, c DECIMAL(10,2) NOT NULL, d DATETIME NOT NULL)")
        connector = {"name": tag, "connector.class": "io.debezium.connector.mysql.MySqlConnector",
                     "database.hostname": "127.0.0.1", "database.port": str(args.mariadb_port),
                     "database.user": "root", "database.password": "root",
                     "database.server.id": str(180000 + (int(time.time()) % 10000)), "topic.prefix": tag,
                     "database.include.list": db, "skipped.operations": "none",
                     "schema.history.internal.kafka.bootstrap.servers": args.bootstrap,
                     "schema.history.internal.kafka.topic": f"history.{tag}", "include.schema.changes": "true"}
        connector.update(kv.split("=", 1) for kv in args.connector_property)
        cfile = os.path.join(tmp, "connector.properties")
        with open(cfile, "w") as f:
            for k, v in connector.items():
                f.write(f"{k}={v}\n")
        w = Worker(args, tmp)
        w.start(cfile)
        while not w.running(tag):
            time.sleep(0.1)
        time.sleep(3)  # snapshot of the empty table, offsets flushed
        w.stop()
        load_sql_writer(db)
        w.start(cfile)
        while not w.running(tag):
            time.sleep(0.01)
        perf = None
        if args.perf:
            perf = subprocess.Popen(["perf", "record", "-F", "499", "--call-graph", os.environ.get("PERF_CALLGRAPH", "dwarf,16384"), "-p", str(w.proc.pid),
                                     "-o", f"{args.perf}.{label}"], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        t0, c0 = time.time(), cpu_seconds(w.proc.pid)
        topic = f"{tag}.{db}.t"
        while topic_end(args, topic) < expected:
            time.sleep(0.2)
        t1, c1 = time.time(), cpu_seconds(w.proc.pid)
        if perf:
            perf.send_signal(signal.SIGINT)
            perf.wait()
        hwm = hwm_kib(w.proc.pid)
        w.stop()
        secs, cpu = t1 - t0, c1 - c0
        print(f"{label}: {expected} events in {secs:.2f} s = {expected / secs:,.0f} events/s; "
              f"connectd CPU {cpu:.2f} s = {cpu * 1e6 / expected:.2f} CPU-s per million "
              f"({expected / cpu:,.0f} events per CPU-second); peak RSS {hwm / 1024:.1f} MiB", flush=True)
        mariadb(args, f"DROP DATABASE {db}")
        # Each catch-up leaves ~3.5 GB in Kafka; a few runs would fill the disk.
        subprocess.run([args.topic_end, "--delete", args.bootstrap, topic, tag, f"history.{tag}"], check=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/connectd")
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--txns", type=int, default=100000)
    ap.add_argument("--bootstrap", default=os.environ.get("KAFKA_BOOTSTRAP", "127.0.0.1:" + os.environ.get("KAFKA_PORT", "9092")))
    ap.add_argument("--mariadb-port", default=os.environ.get("MARIADB_PORT", "3306"))
    ap.add_argument("--topic-end", default="build/bench/bench_topic_end")
    ap.add_argument("--perf", metavar="PREFIX",
                    help="record a perf profile of connectd during each catch-up into PREFIX.<load>")
    ap.add_argument("--worker-property", action="append", default=[], metavar="KEY=VALUE",
                    help="an extra line for the worker's properties (repeatable)")
    ap.add_argument("--connector-property", action="append", default=[], metavar="KEY=VALUE",
                    help="an extra connector config entry (repeatable)")
    ap.add_argument("--only", choices=["one-transaction", "single-row-transactions"])
    args = ap.parse_args()

    def one_transaction(db):
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write("BEGIN;\n")
            for base in range(0, args.rows, 1000):
                vals = ",".join(f"({i},'row {i} some text',{i * 7},{i % 100000}.25,'2024-03-15 10:20:30')"
                                for i in range(base, min(base + 1000, args.rows)))
                f.write(f"INSERT INTO {db}.t VALUES {vals};\n")
            f.write("COMMIT;\n")
            path = f.name
        subprocess.run(f"mariadb -h127.0.0.1 -P{args.mariadb_port} -uroot -proot < {path}", shell=True, check=True)
        os.unlink(path)

    def single_row_transactions(db):
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            for i in range(args.txns):
                f.write(f"INSERT INTO {db}.t VALUES ({i},'row {i} some text',{i * 7},{i % 100000}.25,'2024-03-15 10:20:30');\n")
            path = f.name
        subprocess.run(f"mariadb -h127.0.0.1 -P{args.mariadb_port} -uroot -proot < {path}", shell=True, check=True)
        os.unlink(path)

    if args.only != "single-row-transactions":
        run_load(args, "one-transaction", one_transaction, args.rows)
    if args.only != "one-transaction":
        run_load(args, "single-row-transactions", single_row_transactions, args.txns)


if __name__ == "__main__":
    main()
