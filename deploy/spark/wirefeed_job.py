#!/usr/bin/env python3
"""wirefeed on Apache Spark: convert or import a corpus too large for one machine.

The driver lists the inputs and splits them into partitions; every executor runs the
wirefeed binary (shipped with SparkContext.addFile) over its partition's paths
(`--files-from`), and the driver puts the pieces back together:

  convert, -o OUT          each partition: convert --to json --sort newest -> a part file;
                           driver: wirefeed merge PARTS --to FORMAT -o OUT (the bytes of one run)
  convert, --output-dir    each partition writes its NewsML-G2 items into DIR (one file per item)
  --import, -o OUT         each partition: import --files-from -> JSON Lines, one record per feed;
                           driver: the parts concatenated in partition order (the list's order)

Usage:
  python3 deploy/spark/wirefeed_job.py INPUT... --to FORMAT [--feed FEED.yaml]
      (-o OUT | --output-dir DIR) --wirefeed PATH-TO-BINARY [--partitions N] [--master URL]
      [--limit N] [--now TIME] [--import] [--work-dir DIR]

INPUT is a file or a folder (walked in name order; hidden files skipped). On a cluster,
INPUT, --work-dir and the outputs must be on storage every executor sees (NFS, a mounted
bucket), and the binary must be built for the executors' Linux with libxml2 and libyaml
installed there. Exit status: 0, or 1 when a partition or the merge failed (its stderr
is printed).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ARTICLE_EXTENSIONS = (".txt", ".json", ".jsonl", ".ndjson")


def list_inputs(inputs, importing):
    """The input files, in name order within each folder, as wirefeed walks them."""
    paths = []
    for given in inputs:
        if os.path.isdir(given):
            found = []
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.startswith("."):
                        continue
                    if importing or name.lower().endswith(ARTICLE_EXTENSIONS):
                        found.append(os.path.join(root, name))
            paths.extend(sorted(found))
        elif os.path.isfile(given):
            paths.append(given)
        else:
            sys.exit(f"wirefeed_job: {given}: no such file or folder")
    if not paths:
        sys.exit("wirefeed_job: the inputs hold no file")
    return [os.path.abspath(p) for p in paths]


def partition_command(args, work_dir, index, list_path):
    """The wirefeed command one partition runs, and the part it writes (None: none)."""
    if args.import_:
        part = os.path.join(work_dir, f"part-{index:05d}.jsonl")
        return ["import", "--files-from", list_path, "-o", part], part
    command = ["convert", "--files-from", list_path, "--to"]
    if args.output_dir:
        command += ["newsml", "--output-dir", os.path.abspath(args.output_dir)]
        part = None
    else:
        part = os.path.join(work_dir, f"part-{index:05d}.json")
        command += ["json", "--sort", "newest", "-o", part]
    if args.feed:
        command += ["--feed", os.path.abspath(args.feed)]
    return command, part


def run_partition(args, work_dir):
    """What each executor does with its partition (a plain function: Spark pickles it)."""

    def run(index, paths):
        from pyspark import SparkFiles

        paths = list(paths)
        if not paths:
            return [(index, None, 0, 0.0, 0, "")]
        binary = SparkFiles.get(os.path.basename(args.wirefeed))
        os.chmod(binary, 0o755)
        list_path = os.path.join(work_dir, f"list-{index:05d}.txt")
        with open(list_path, "w", encoding="utf-8") as f:
            f.write("\n".join(paths) + "\n")
        command, part = partition_command(args, work_dir, index, list_path)
        start = time.monotonic()
        done = subprocess.run([binary] + command, capture_output=True, text=True)
        seconds = time.monotonic() - start
        return [(index, part, len(paths), seconds, done.returncode, done.stderr[-4000:])]

    return run


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--to", choices=["rss", "atom", "newsml", "json", "jsonfeed", "ninjs"])
    p.add_argument("--feed")
    p.add_argument("-o", "--output")
    p.add_argument("--output-dir")
    p.add_argument("--wirefeed", required=True, help="the wirefeed binary to ship to the executors")
    p.add_argument("--partitions", type=int, default=0, help="default: Spark's default parallelism")
    p.add_argument("--master", default=None, help="default: spark-submit's, else local[*]")
    p.add_argument("--limit", type=int)
    p.add_argument("--now")
    p.add_argument("--import", dest="import_", action="store_true", help="import feeds instead of converting")
    p.add_argument("--work-dir", help="where the parts go (default: a folder beside the output)")
    args = p.parse_args()
    if (args.output is None) == (args.output_dir is None):
        p.error("give -o OUT or --output-dir DIR")
    if args.import_ and (args.output_dir or args.to):
        p.error("--import writes JSON Lines to -o OUT (no --to, no --output-dir)")
    if not args.import_ and not args.to:
        p.error("give --to FORMAT")
    if args.output_dir and args.to != "newsml":
        p.error("--output-dir writes NewsML-G2 items: use --to newsml")
    if not os.access(args.wirefeed, os.X_OK):
        p.error(f"--wirefeed {args.wirefeed}: not an executable")

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("wirefeed")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    sc.addFile(os.path.abspath(args.wirefeed))

    paths = list_inputs(args.inputs, args.import_)
    partitions = args.partitions or sc.defaultParallelism
    partitions = max(1, min(partitions, len(paths)))
    target = os.path.abspath(args.output or args.output_dir)
    work_dir = os.path.abspath(args.work_dir) if args.work_dir else None
    made_work_dir = work_dir is None
    if made_work_dir:
        work_dir = tempfile.mkdtemp(prefix=".wirefeed-parts-", dir=os.path.dirname(target) or ".")
    os.makedirs(work_dir, exist_ok=True)
    if args.output_dir:
        os.makedirs(target, exist_ok=True)

    start = time.monotonic()
    # parallelize keeps the list's order: partition k holds the k-th run of paths.
    results = (
        sc.parallelize(paths, partitions).mapPartitionsWithIndex(run_partition(args, work_dir)).collect()
    )
    results.sort()
    mapped = time.monotonic() - start
    failed = [r for r in results if r[4] != 0]
    for index, _, count, _, status, stderr in failed:
        print(f"wirefeed_job: partition {index} ({count} inputs) exited {status}:\n{stderr}", file=sys.stderr)
    status = 1 if failed else 0
    parts = [r[1] for r in results if r[1] and r[4] == 0]
    if not failed and args.output:
        if args.import_:
            # Records are in the list's order within each part; parts are in partition order.
            with tempfile.NamedTemporaryFile(dir=os.path.dirname(target), delete=False) as out:
                for part in parts:
                    with open(part, "rb") as f:
                        shutil.copyfileobj(f, out)
            os.replace(out.name, target)
        else:
            command = [os.path.abspath(args.wirefeed), "merge"] + parts + ["--to", args.to, "-o", target]
            if args.feed:
                command += ["--feed", args.feed]
            if args.limit is not None:
                command += ["--limit", str(args.limit)]
            if args.now:
                command += ["--now", args.now]
            merged = subprocess.run(command, capture_output=True, text=True)
            if merged.returncode != 0:
                print(f"wirefeed_job: merge exited {merged.returncode}:\n{merged.stderr}", file=sys.stderr)
                status = 1
    total = time.monotonic() - start
    inputs = sum(r[2] for r in results)
    busy = sum(r[3] for r in results)
    print(
        f"wirefeed_job: {inputs} inputs in {len(results)} partitions: {total:.2f} s "
        f"(partitions {mapped:.2f} s, wirefeed busy {busy:.2f} s, merge {total - mapped:.2f} s)",
        file=sys.stderr,
    )
    if made_work_dir:
        shutil.rmtree(work_dir, ignore_errors=True)
    spark.stop()
    sys.exit(status)


if __name__ == "__main__":
    main()
