"""Synthetic revisions with known edits, for tests and benchmarks of ``align``."""

from __future__ import annotations

import random
from typing import Any

from attrs import frozen

from .._catalogues.model import Catalogue

__all__ = ["Restructure", "Revision", "restructure", "revise", "synthetic_catalogue"]

_SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "pa", "gu", "zo", "be", "fi"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _catalogue(version: str, items: list[tuple[str, str]], themes: int) -> Catalogue:
    groups: list[dict[str, Any]] = [
        {"id": f"T{t}", "title": f"Theme {t}", "items": []} for t in range(themes)
    ]
    for n, (item_id, text) in enumerate(items):
        groups[n * themes // max(len(items), 1)]["items"].append(
            {"id": item_id, "text": text, "evidence": ["synthetic"]}
        )
    return Catalogue.from_dict(
        {
            "framework": "synthetic",
            "version": version,
            "title": f"Synthetic {version}",
            "themes": groups,
        }
    )


def synthetic_catalogue(size: int, *, seed: int = 0, themes: int = 8) -> Catalogue:
    """``size`` items of 12-30 pseudo-words each, reproducible from ``seed``."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 4000)
    items = [
        (f"R{n:05d}", " ".join(rng.choices(vocab, k=rng.randint(12, 30)))) for n in range(size)
    ]
    return _catalogue("v1", items, themes)


@frozen(kw_only=True)
class Revision:
    """A revised catalogue and the true links old -> new, by kind of edit."""

    old: Catalogue
    new: Catalogue
    pairs: frozenset[tuple[str, str]]  # unchanged and reworded (1:1)
    reworded: frozenset[tuple[str, str]]
    merges: frozenset[tuple[str, str]]
    splits: frozenset[tuple[str, str]]
    removed: frozenset[str]
    added: frozenset[str]

    @property
    def links(self) -> frozenset[tuple[str, str]]:
        return self.pairs | self.merges | self.splits


def _reword(rng: random.Random, words: list[str], vocab: list[str], share: float) -> list[str]:
    """Replace or drop about ``share`` of the words."""
    out = []
    for word in words:
        roll = rng.random()
        if roll < share / 2:
            out.append(rng.choice(vocab))
        elif roll < share:
            continue
        else:
            out.append(word)
    return out or [rng.choice(vocab)]


def revise(
    old: Catalogue,
    *,
    seed: int = 1,
    reword: float = 0.3,
    merge: float = 0.04,
    split: float = 0.04,
    remove: float = 0.05,
    add: float = 0.05,
    share: float = 1 / 3,
) -> Revision:
    """A new version of ``old`` made by a random edit script with known results.

    Each item is reworded (``share`` of its words replaced or dropped) with probability
    ``reword``, merged with the next item, split into two halves, or removed; the rest are
    unchanged. New IDs are fresh (``N00001``...), so IDs say nothing about identity.
    """
    rng = random.Random(seed)
    vocab = _vocabulary(random.Random(seed + 10_000), 4000)
    olds = list(old.items)
    order = list(range(len(olds)))
    rng.shuffle(order)  # new positions differ from old ones
    new_items: list[tuple[str, str]] = []
    pairs, reworded, merges, splits = set(), set(), set(), set()
    removed: set[str] = set()
    counter = iter(range(1, 10**9))

    def fresh() -> str:
        return f"N{next(counter):05d}"

    done: set[int] = set()  # items already in an edit: each item is in exactly one
    for k in order:
        if k in done:
            continue
        done.add(k)
        item = olds[k]
        words = (item.text or "").split()
        roll = rng.random()
        if roll < remove:
            removed.add(item.id)
        elif roll < remove + merge and k + 1 < len(olds) and k + 1 not in done:
            partner = olds[k + 1]
            done.add(k + 1)
            new_id = fresh()
            new_items.append((new_id, " ".join(words + (partner.text or "").split())))
            merges.update({(item.id, new_id), (partner.id, new_id)})
        elif roll < remove + merge + split and len(words) >= 8:
            half = len(words) // 2
            for part in (words[:half], words[half:]):
                new_id = fresh()
                new_items.append((new_id, " ".join(part)))
                splits.add((item.id, new_id))
        elif roll < remove + merge + split + reword:
            new_id = fresh()
            new_items.append((new_id, " ".join(_reword(rng, words, vocab, share))))
            pairs.add((item.id, new_id))
            reworded.add((item.id, new_id))
        else:
            new_id = fresh()
            new_items.append((new_id, item.text or ""))
            pairs.add((item.id, new_id))
    added = set()
    for _ in range(round(add * len(olds))):
        new_id = fresh()
        new_items.append((new_id, " ".join(rng.choices(vocab, k=rng.randint(12, 30)))))
        added.add(new_id)
    new = _catalogue("v2", new_items, max(len(old.themes), 1))
    return Revision(
        old=old,
        new=new,
        pairs=frozenset(pairs),
        reworded=frozenset(reworded),
        merges=frozenset(merges),
        splits=frozenset(splits),
        removed=frozenset(removed),
        added=frozenset(added),
    )


@frozen(kw_only=True)
class Restructure:
    """A framework regrouped rather than revised, and its true (many-to-many) links."""

    old: Catalogue
    new: Catalogue
    links: frozenset[tuple[str, str]]


def restructure(
    size: int, *, seed: int = 0, regroup: float = 0.6, share: float = 0.2
) -> Restructure:
    """``size`` items of two clauses each ("first part. second part"), regrouped: with
    probability ``regroup`` an item's two clauses go to two different new items, each of
    which takes one clause of another regrouped item too (so most links are many-to-many,
    ``intersects-with``); the rest carry over whole. Every clause is reworded by ``share``.
    New IDs are fresh, and the new items are shuffled.
    """
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 4000)
    olds = [
        (f"R{n:05d}", [rng.choices(vocab, k=rng.randint(6, 14)) for _ in range(2)])
        for n in range(size)
    ]
    moved = [k for k in range(size) if rng.random() < regroup]
    pieces = [(k, c) for k in moved for c in (0, 1)]
    rng.shuffle(pieces)
    groups: list[list[tuple[int, int]]] = [pieces[p : p + 2] for p in range(0, len(pieces), 2)]
    groups += [[(k, 0), (k, 1)] for k in range(size) if k not in set(moved)]
    rng.shuffle(groups)
    new_items: list[tuple[str, str]] = []
    links: set[tuple[str, str]] = set()
    for n, group in enumerate(groups):
        new_id = f"N{n:05d}"
        parts = [" ".join(_reword(rng, olds[k][1][c], vocab, share)) for k, c in group]
        new_items.append((new_id, ". ".join(parts)))
        links.update((olds[k][0], new_id) for k, _ in group)
    themes = 8
    return Restructure(
        old=_catalogue("v1", [(i, ". ".join(" ".join(c) for c in cs)) for i, cs in olds], themes),
        new=_catalogue("v2", new_items, themes),
        links=frozenset(links),
    )
