#!/usr/bin/env python3
"""Writes a synthetic quiz history log for benchmarks.

Usage: gen_log.py QUIZ_BINARY OUTPUT [RECORDS]

Answers are spread over the last 120 days, ten to a session, across every built-in question
(ids come from `quiz list --json`), with a session record after each ten answers.
"""
import json
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone


def main():
    quiz, output = sys.argv[1], sys.argv[2]
    records = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    questions = json.loads(subprocess.run([quiz, "list", "--json"], check=True, capture_output=True).stdout)
    rng = random.Random(7)
    end = datetime(2026, 11, 21, 12, tzinfo=timezone.utc)
    start = end - timedelta(days=120)
    step = (end - start) / records
    limits = {"choice": 45000, "multi": 60000, "short": 60000, "open": 180000}
    with open(output, "w") as out:
        at = start
        written = 0
        session = 0
        while written < records:
            session += 1
            sid = f"bench-{session:07d}"
            started = at
            correct = 0
            for _ in range(10):
                q = rng.choice(questions)
                limit = limits[q["type"]]
                elapsed = int(rng.expovariate(1 / (limit * 0.4)))
                score = 1.0 if rng.random() < 0.7 else rng.choice([0.0, 0.5])
                correct += score >= 0.6
                rec = {
                    "kind": "answer", "v": 1, "session": sid,
                    "at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "topic": q["topic"], "question": q["id"],
                    "qtype": q["type"], "difficulty": q["difficulty"], "level": q["level"],
                    "response": "benchmark answer", "score": score, "correct": score >= 0.6,
                    "skipped": False, "elapsed_ms": elapsed, "limit_ms": limit, "overtime": elapsed > limit,
                }
                out.write(json.dumps(rec, separators=(",", ":")) + "\n")
                written += 1
                at += step
            out.write(json.dumps({
                "kind": "session", "v": 1, "session": sid, "mode": "practice",
                "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "ended": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "topics": [], "seed": session, "asked": 10, "answered": 10, "correct": correct,
                "score": correct / 10, "elapsed_ms": 1000, "completed": True,
            }, separators=(",", ":")) + "\n")


main()
