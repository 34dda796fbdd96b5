#!/usr/bin/env python3
"""Writes a synthetic, valid quiz bank for benchmarks.

Usage: gen_bank.py OUTPUT [QUESTIONS]   (the topic is the file stem)
"""
import os
import sys


def main():
    output = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    topic = os.path.splitext(os.path.basename(output))[0]
    out = ["format: 1", f"topic: {topic}", "title: Synthetic bank", "questions:"]
    for i in range(count):
        kind = ["choice", "multi", "short", "open"][i % 4]
        out += [
            f"  - id: {topic}-q{i}",
            f"    type: {kind}",
            f"    difficulty: {['easy', 'medium', 'hard'][i % 3]}",
            f"    level: {['junior', 'mid', 'senior'][i % 3]}",
            f"    tags: [tag{i % 17}, tag{i % 5}]",
            f"    prompt: Synthetic question number {i} asks about subject {i % 31} and wants a careful answer?",
        ]
        if kind in ("choice", "multi"):
            out.append(f"    choices: [alpha {i}, beta {i}, gamma {i}, delta {i}]")
            out.append(f"    answer: alpha {i}" if kind == "choice" else f"    answer: [alpha {i}, gamma {i}]")
        elif kind == "short":
            out += [f"    answer: word{i}", f"    accept: [w{i}, word {i}]"]
        else:
            out += [
                f"    model_answer: A model answer for question {i} that covers the points below in a few sentences.",
                "    key_points:",
            ]
            for k in range(3):
                out += [f"      - point: Point {k} of question {i}", f"        keywords: [kw{k}a, kw{k}b {i}]"]
        out.append(f"    explanation: Because synthetic question {i} is generated, its explanation is generated too.")
    with open(output, "w") as f:
        f.write("\n".join(out) + "\n")


main()
