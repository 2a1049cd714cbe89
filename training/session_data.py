"""Training data: sessions read from JSONL shards while the generator still writes them, turned into sequences,
kept in a pool, and drawn as length-bucketed batches (one session per row, right-padded, so no row attends to
another session). Pure Python and numpy; torch only in `collate`.
"""

from __future__ import annotations

import glob
import json
import os
import random
import threading
import time
from dataclasses import dataclass

import numpy as np

import layout


@dataclass
class Example:
    ids: np.ndarray  # uint16
    mask: np.ndarray  # uint8, 1 where the id is predicted with loss
    families: list[str | None]
    spans: list[tuple[int, int, int]]
    session_id: str
    layout_id: str = layout.LAYOUT_ID
    # The sequence's head after `<s>` (the layout's system line), which the exported model file records.
    system_line: str = layout.SYSTEM_LINE


def example_of(record: dict, max_length: int) -> Example | None:
    """The training example of a session (terminal or mcp, its layout chosen from the record by
    layout.layout_for), or None when it does not fit that layout or is too long."""
    sequence = layout.record_sequence(record)
    if sequence is None or len(sequence.ids) > max_length:
        return None
    return Example(
        ids=np.asarray(sequence.ids, dtype=np.uint16),
        mask=np.asarray(sequence.loss_mask, dtype=np.uint8),
        families=[turn.family for turn in sequence.turns],
        spans=sequence.spans,
        session_id=str(record.get("id")),
        layout_id=layout.layout_id_of(record),
        system_line=layout.ids_to_bytes(sequence.ids[1 : sequence.spans[0][0]]).decode("utf-8"),
    )


class ShardReader:
    """Reads the complete lines appended to `shard-*.jsonl` files (or given files) since the last call."""

    def __init__(self, paths: list[str]):
        self.paths = paths
        self.offsets: dict[str, int] = {}
        self.partial: dict[str, bytes] = {}

    def _files(self) -> list[str]:
        files: list[str] = []
        for path in self.paths:
            if os.path.isdir(path):
                files.extend(sorted(glob.glob(os.path.join(path, "*.jsonl"))))
            elif os.path.exists(path):
                files.append(path)
        return files

    def read_new(self) -> list[dict]:
        records: list[dict] = []
        for file in self._files():
            offset = self.offsets.get(file, 0)
            with open(file, "rb") as handle:
                handle.seek(offset)
                chunk = handle.read()
            if not chunk:
                continue
            self.offsets[file] = offset + len(chunk)
            data = self.partial.pop(file, b"") + chunk
            lines = data.split(b"\n")
            if lines[-1]:
                self.partial[file] = lines[-1]
            for line in lines[:-1]:
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError:
                        pass
        return records


def load_examples(paths: list[str], max_length: int) -> tuple[list[Example], int]:
    """Every example of finished files; also returns how many sessions did not fit."""
    examples: list[Example] = []
    skipped = 0
    for record in ShardReader(paths).read_new():
        example = example_of(record, max_length)
        if example is None:
            skipped += 1
        else:
            examples.append(example)
    return examples, skipped


class SessionPool:
    """Sessions read so far. Draws prefer sessions not yet trained on, then repeat old ones at random."""

    def __init__(self, paths: list[str], max_length: int, seed: int, exclude: set[str] | None = None):
        self.reader = ShardReader(paths)
        self.max_length = max_length
        self.random = random.Random(seed)
        self.exclude = exclude or set()
        self.fresh: list[Example] = []
        self.seen: list[Example] = []
        self.read = 0
        self.skipped = 0
        self.families: dict[str, int] = {}
        # Sessions by (layout id, system line): one model is trained on one layout and system line.
        self.layouts: dict[tuple[str, str], int] = {}
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> int:
        records = self.reader.read_new()
        added: list[Example] = []
        for record in records:
            if record.get("id") in self.exclude:
                continue
            example = example_of(record, self.max_length)
            if example is None:
                self.skipped += 1
                continue
            added.append(example)
        with self.lock:
            self.fresh.extend(added)
            self.read += len(records)
            for example in added:
                key = (example.layout_id, example.system_line)
                self.layouts[key] = self.layouts.get(key, 0) + 1
                for family in example.families:
                    if family is not None:
                        self.families[family] = self.families.get(family, 0) + 1
        return len(added)

    def start(self, interval: float = 0.5) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                self.poll()
                self._stop.wait(interval)

        self._thread = threading.Thread(target=loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def size(self) -> int:
        with self.lock:
            return len(self.fresh) + len(self.seen)

    def wait_for(self, count: int, timeout: float) -> None:
        deadline = time.time() + timeout
        while self.size() < count and time.time() < deadline:
            if self._thread is None:
                self.poll()
            time.sleep(0.2)

    def draw(self, count: int) -> tuple[list[Example], int]:
        """`count` sessions (fresh first); also returns how many of them were fresh."""
        with self.lock:
            take = min(count, len(self.fresh))
            chosen = self.fresh[:take]
            del self.fresh[:take]
            self.seen.extend(chosen)
            if take < count and self.seen:
                chosen = chosen + [self.random.choice(self.seen) for _ in range(count - take)]
        return chosen, take


def round_up(value: int, step: int) -> int:
    return (value + step - 1) // step * step


def bucket_batches(examples: list[Example], token_budget: int, step: int, rng: random.Random) -> list[list[Example]]:
    """Groups sessions of similar length so that rows × padded length stays within the token budget."""
    ordered = sorted(examples, key=lambda example: len(example.ids))
    batches: list[list[Example]] = []
    current: list[Example] = []
    for example in ordered:
        width = round_up(len(example.ids) - 1, step)
        if current and (len(current) + 1) * width > token_budget:
            batches.append(current)
            current = []
        current.append(example)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def collate(batch: list[Example], step: int):
    """Inputs and labels (-100 where no loss), right-padded to a multiple of `step`."""
    import torch

    width = round_up(max(len(example.ids) for example in batch) - 1, step)
    inputs = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for row, example in enumerate(batch):
        ids = torch.from_numpy(example.ids.astype(np.int64))
        mask = torch.from_numpy(example.mask.astype(np.bool_))
        n = len(ids) - 1
        inputs[row, :n] = ids[:-1]
        target = ids[1:].clone()
        target[~mask[1:]] = -100
        labels[row, :n] = target
    return inputs, labels


def turn_prompts(example: Example) -> list[tuple[list[int], list[int], str | None]]:
    """For each turn: the prompt (everything up to the end of its echo), the expected target ids with </s>, and
    its family. The history is the recorded one (teacher forcing)."""
    ids = example.ids.astype(np.int64).tolist()
    out = []
    for (echo_start, target_start, end), family in zip(example.spans, example.families):
        out.append((ids[:target_start], ids[target_start:end], family))
    return out
