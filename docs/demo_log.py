#!/usr/bin/env python3
"""Writes a realistic quiz history for the report's screenshot: ten weeks of practice on five
built-in topics, getting better, with a weekly mock interview that rates confidence.

Usage: demo_log.py QUIZ_BINARY OUTPUT

The log ends on 2026-11-21; run `quiz report` with QUIZ_NOW=2026-11-21T18:00:00Z.
"""
import json
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

TOPICS = ["apis", "caching", "databases", "dsa", "system-design"]
# How hard each topic is for this user: subtracted from the day's accuracy.
HANDICAP = {"apis": -0.05, "caching": 0.0, "databases": 0.08, "dsa": 0.15, "system-design": 0.1}
LIMITS = {"choice": 45000, "multi": 60000, "short": 60000, "open": 180000}
PACE = {"choice": 0.45, "multi": 0.6, "short": 0.5, "open": 0.85}


def main():
    quiz, output = sys.argv[1], sys.argv[2]
    listed = json.loads(subprocess.run([quiz, "list", "--json"], check=True, capture_output=True).stdout)
    questions = [q for q in listed if q["topic"] in TOPICS and q["level"] != "senior"]
    rng = random.Random(14)
    first = datetime(2026, 9, 14, tzinfo=timezone.utc)
    days = 69
    lines = []
    session = 0
    for d in range(days):
        day = first + timedelta(days=d)
        if rng.random() < 0.18:
            continue
        progress = d / days
        mock = day.weekday() == 5
        n = 12 if mock else rng.randint(8, 22)
        session += 1
        sid = f"demo-{session:04d}"
        at = day + timedelta(hours=18, minutes=rng.randint(0, 90))
        started = at
        right = 0
        for _ in range(n):
            q = rng.choice(questions)
            p = 0.42 + 0.4 * progress - HANDICAP[q["topic"]]
            correct = rng.random() < p
            right += correct
            limit = LIMITS[q["type"]]
            elapsed = int(limit * PACE[q["type"]] * (1.25 - 0.4 * progress) * rng.uniform(0.5, 1.5))
            rec = {
                "kind": "answer", "v": 1, "session": sid, "at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "topic": q["topic"], "question": q["id"], "qtype": q["type"], "difficulty": q["difficulty"],
                "level": q["level"], "response": "demo answer", "score": 1.0 if correct else 0.0,
                "correct": correct, "skipped": False, "elapsed_ms": elapsed, "limit_ms": limit,
                "overtime": elapsed > limit,
            }
            if mock:
                # Sure answers are right more often than guesses, but not always.
                weights = [0.15, 0.35, 0.5] if correct else [0.45, 0.4, 0.15]
                rec["confidence"] = rng.choices([1, 2, 3], weights)[0]
            lines.append(json.dumps(rec, separators=(",", ":")))
            at += timedelta(milliseconds=elapsed + 5000)
        lines.append(json.dumps({
            "kind": "session", "v": 1, "session": sid, "mode": "mock" if mock else "practice",
            "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "ended": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "topics": [], "seed": session, "asked": n, "answered": n, "correct": right, "score": right / n,
            "elapsed_ms": int((at - started).total_seconds() * 1000), "completed": True,
        }, separators=(",", ":")))
    with open(output, "w") as out:
        out.write("\n".join(lines) + "\n")


main()
