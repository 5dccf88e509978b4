"""The corpus in segment files: sealed segments are never rewritten, a commit writes the open
segment and the manifest, bodies are read on demand, a kill between the two writes loses nothing
that was reported, and a format-2 store is migrated after a backup copy."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from bot.errors import StoreError
from bot.ingest import build_sentences, content_hash
from bot.models import Article, Fact
from bot.storage import check_store
from bot.store import Store
from tests.conftest import ROOT

pytestmark = pytest.mark.tinydb_only("TinyDB segment files: sealing, kills between their writes, the format-2 migration")

COMMODITIES = ["cocoa", "copper", "wheat", "lithium", "coffee", "nickel", "barley", "cotton", "zinc", "rubber"]


def _article(n: int) -> Article:
    good = COMMODITIES[n % len(COMMODITIES)]
    body = (f"Shipments of {good} from port {n} grew by {n + 2}% in the spring. "
            f"Traders in town {n} said the \"quota\" rules had eased. Freight rates held steady.")
    digest = content_hash(body)
    return Article(id=digest[:10], title=f"{good.title()} exports from port {n}", source="Quay wire",
                   url=f"https://example.com/port/{n}", published=f"2025-02-{1 + n % 28:02d}",
                   ingested_at=f"2025-03-01T00:00:{n % 60:02d}+00:00", content_hash=digest, language="en",
                   body=body)


def _add(store: Store, n: int) -> Article:
    article = _article(n)
    sentences = build_sentences(article.id, article.body)
    fact = Fact(f"{article.id}:f1", article.id, "figure", f"{n + 2}%", (sentences[0].id,), {"unit": "%"})
    store.add_article(article, sentences, [fact])
    return article


def _files(db: Path) -> dict[str, int]:
    """Segment files by name, with their inode (a rewritten file gets a new one)."""
    return {p.name: p.stat().st_ino for p in (db.parent / (db.name + ".segments")).iterdir()}


def _manifest(db: Path) -> dict:  # type: ignore[type-arg]
    return next(iter(json.loads(db.read_text())["meta"].values()))


def test_sealed_segments_are_never_rewritten_and_bodies_are_read_from_them(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    with Store(db, segment_articles=4) as store:
        articles = [_add(store, n) for n in range(9)]  # two sealed segments of 4, one open of 1
        store.commit()
        sealed = {n: i for n, i in _files(db).items() if n.startswith(("s000001", "s000002"))}
        assert len(sealed) == 4  # a segment file and a catalog each
        for n in range(9, 11):
            _add(store, n)
            store.commit()  # each commit: a new open segment file and the main file
        after = _files(db)
        assert {n: after[n] for n in sealed} == sealed  # the same files, never written again
        assert [n for n in after if n.startswith("s000003")] and len(after) == 5  # old generations removed
        # the writer itself now reads the sealed articles from their files, each fact set once
        assert not store._bodies.keys() & {a.id for a in articles[:8]}
        assert [f.value for f in store.facts(articles[0].id)] == ["2%"] and store.fact_count() == 11
        assert store.article(articles[1].id) == articles[1]
        manifest = _manifest(db)
        assert [s["file"] for s in manifest["segments"]] == sorted(n for n in sealed if n.endswith(".json"))
        assert manifest["open"]["articles"] == 3

    with Store(db, readonly=True) as store:
        assert len(store) == 11 and store.persisted_count == 11
        assert not store._bodies.keys() & {a.id for a in articles[:8]}  # sealed bodies are not held
        for article in articles:
            assert store.article(article.id) == article  # read from the file when asked for
            for sentence in store.sentences(article.id):  # verbatim: a quote is body[start:end]
                assert sentence.text == article.body[sentence.start:sentence.end]
            assert store.facts(article.id)[0].value == f"{articles.index(article) + 2}%"
        assert store.sentence(f"{articles[5].id}:2").text == 'Traders in town 5 said the "quota" rules had eased.'
        assert store.fact_count() == 11 and store.sentence_count() == 33
        assert store.find_article(url="https://example.com/port/3") == articles[3].id
        assert store.find_article(content_hash=articles[2].content_hash) == articles[2].id  # a sealed one
        assert [a.id for a in store.articles()][:1] == [max(articles + [_article(9), _article(10)],
                                                              key=lambda a: (a.published, a.ingested_at)).id]


def test_facts_added_later_for_a_sealed_article_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    with Store(db, segment_articles=2) as store:
        first = _add(store, 1)
        _add(store, 2)
        store.commit()
        later = Fact(f"{first.id}:f9", first.id, "party", "Chile", (f"{first.id}:1",), {}, extractor="llm")
        store.add_facts([later])
        store.commit()
    with Store(db, readonly=True) as store:
        assert [f.value for f in store.facts(first.id)] == ["3%", "Chile"]
        assert '"value":"Chile"' in "".join(store.fact_json(first.id))


def test_a_lost_catalog_is_rebuilt_from_its_segment(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    with Store(db, segment_articles=3) as store:
        articles = [_add(store, n) for n in range(4)]
    [catalog] = (tmp_path / "store.json.segments").glob("s000001.*.cat")
    [segment_name] = [p.name for p in (tmp_path / "store.json.segments").glob("s000001.*.json")]
    segment_before = _files(db)[segment_name]
    catalog.write_bytes(b"{")  # damaged: the documents are found in the segment file again
    with Store(db, readonly=True) as store:
        assert [store.article(a.id) for a in articles] == articles
    assert check_store(db)[0].ok
    with Store(db) as store:  # a writer writes the catalog again, under a new name; the segment stays
        assert store.find_article(content_hash=articles[1].content_hash) == articles[1].id
    [repaired] = (tmp_path / "store.json.segments").glob("s000001.*.cat")
    assert repaired.name != catalog.name and segment_before == _files(db)[segment_name]
    assert len(json.loads(repaired.read_bytes().split(b"\n")[0])["articles"]) == 3
    with Store(db, readonly=True) as store:
        assert [store.article(a.id) for a in articles] == articles
        assert [s.text for s in store.sentences(articles[0].id)][0].startswith("Shipments of cocoa")


def test_a_missing_segment_is_one_clear_error_and_check_says_which(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    with Store(db, segment_articles=2) as store:
        for n in range(3):
            _add(store, n)
    [segment] = (tmp_path / "store.json.segments").glob("s000001.*.json")
    segment.unlink()
    with pytest.raises(StoreError, match="missing") as caught:
        Store(db, readonly=True)
    assert "\n" not in str(caught.value)
    current, _backup = check_store(db)
    assert not current.ok and segment.name in current.detail and "does not exist" in current.detail


_KILL_BETWEEN = textwrap.dedent(
    """
    import os, signal, sys
    from tests.test_segments import _add
    from bot.store import Store
    db = sys.argv[1]
    store = Store(db, segment_articles=3)
    for n in range(10, 14):   # seals a segment and starts another: three segment files to write
        _add(store, n)
    # The main file cannot be replaced (its temporary name is taken), as if the process died
    # after the segment files were written and before the manifest was: die there.
    os.mkdir(os.path.join(os.path.dirname(db), f".{os.path.basename(db)}.{os.getpid()}.tmp"))
    try:
        store.commit()
    except Exception as exc:
        print("segments written, manifest not:", exc, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_kill_between_the_segment_and_the_manifest_write_keeps_the_last_commit(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    with Store(db, segment_articles=3) as store:
        before = [_add(store, n) for n in range(4)]
    files_before = _files(db)
    child = subprocess.run([sys.executable, "-c", _KILL_BETWEEN, str(db)], capture_output=True, text=True,
                           cwd=ROOT, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "segments written, manifest not" in child.stdout
    assert len(_files(db)) > len(files_before)  # the new segment files did reach the disk ...
    with Store(db, readonly=True) as store:  # ... but the store is the last commit, whole
        assert sorted(a.id for a in store.articles()) == sorted(a.id for a in before)
        assert [store.article(a.id) for a in before] == before
    for leftover in tmp_path.glob(".store.json.*.tmp"):
        leftover.rmdir()
    with Store(db, segment_articles=3) as store:  # the writer that opens next removes the orphans
        assert _files(db) == files_before
        _add(store, 20)
    with Store(db, readonly=True) as store:
        assert len(store) == 5


_INGEST = textwrap.dedent(
    """
    import sys
    from tests.test_segments import _add
    from bot.store import Store
    store = Store(sys.argv[1], segment_articles=5)
    start = len(store)
    for n in range(start, start + 400):
        _add(store, n)
        store.commit()
        print("OK", store.article(store.find_article(url=f"https://example.com/port/{n}")).id, flush=True)
    store.close()
    """
)


def test_kills_at_random_moments_across_sealing_lose_nothing_reported(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    rng = random.Random(11)
    reported: set[str] = set()
    kills = 0
    for _round in range(8):
        child = subprocess.Popen([sys.executable, "-c", _INGEST, str(db)], stdout=subprocess.PIPE, text=True,
                                 cwd=ROOT)
        assert child.stdout is not None
        first = child.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        kills += child.returncode == -signal.SIGKILL
        # (only whole lines count as reported: a kill can cut the last one short)
        reported |= {line.split()[1] for line in (first + out).splitlines(keepends=True)
                     if line.endswith("\n") and line.startswith("OK ") and len(line.split()) == 2}
        with Store(db, readonly=True) as store:
            stored = {a.id for a in store.articles()}
            assert reported <= stored, sorted(reported - stored)[:5]
            for article_id in stored:
                [first_sentence, *_] = store.sentences(article_id)
                assert first_sentence.text.startswith("Shipments of")
    assert kills >= 6
    assert len(_manifest(db)["segments"]) >= 3  # the kills landed across several sealed segments
    assert check_store(db)[0].ok


def _format2(db: Path, articles: list[Article]) -> None:
    """A store as Tradebrief wrote it before segments (format 2): everything in one TinyDB file."""
    data: dict = {"meta": {"1": {"format": 2}}, "articles": {}, "sentences": {}, "facts": {}}  # type: ignore[type-arg]
    for n, article in enumerate(articles, start=1):
        sentences = build_sentences(article.id, article.body)
        data["articles"][str(n)] = article.to_dict()
        data["sentences"][str(n)] = {"article_id": article.id, "count": len(sentences),
                                     "spans": " ".join(f"{s.start}:{s.end}" for s in sentences)}
        facts = [{"id": f"{article.id}:f1", "article_id": article.id, "type": "figure", "value": "1%",
                  "sentence_ids": [f"{article.id}:1"], "attrs": {}, "extractor": "offline"}]
        data["facts"][str(n)] = {"article_id": article.id, "extractor": "offline", "count": 1,
                                 "facts": orjson.dumps(facts).decode()}
    data["subscriptions"] = {"1": {"id": "telegram:-7", "platform": "telegram", "place": "-7", "active": True}}
    db.write_bytes(orjson.dumps(data))


def test_a_format2_store_is_migrated_on_first_writable_open_after_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    articles = [_article(n) for n in range(7)]
    _format2(db, articles)
    original = db.read_bytes()
    with Store(db, readonly=True) as store:  # a reader reads it as it is, and changes nothing
        assert [store.article(a.id) for a in articles] == articles
    assert db.read_bytes() == original and not (tmp_path / "store.json.segments").exists()

    with Store(db, segment_articles=3) as store:
        assert len(store) == 7 and store.persisted_count == 7
    assert (tmp_path / "store.json.format2.bak").read_bytes() == original  # the copy made first
    manifest = _manifest(db)
    assert manifest["format"] == 3 and len(manifest["segments"]) == 2 and manifest["open"]["articles"] == 1
    main = json.loads(db.read_text())
    assert "articles" not in main and main["subscriptions"]["1"]["id"] == "telegram:-7"
    with Store(db, readonly=True) as store:
        assert [store.article(a.id) for a in articles] == articles
        assert all(store.facts(a.id)[0].value == "1%" for a in articles)
        assert store.subscription("telegram:-7")["active"] is True  # type: ignore[index]
        assert store.sentence_texts([f"{articles[6].id}:2"]) == [articles[6].body.split(". ")[1] + "."]
    assert check_store(db)[0].ok and check_store(db)[1].ok
    assert os.path.getsize(db) < len(original)  # the main file now holds the small tables only


# Dies at the K-th change the process makes to the file system (a file opened for writing, a
# rename, a removal, a copy, a new directory), seen through Python's audit hooks: so a migration
# can be interrupted at every step it takes, not only at the moments a timer happens to hit.
_MIGRATE_KILLED_AT = textwrap.dedent(
    """
    import os, signal, sys
    from bot.store import Store
    db, kill_at = sys.argv[1], int(sys.argv[2])
    steps = 0
    def hook(event, args):
        global steps
        if event == "open":
            path, mode, flags = args
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
            if not writes or str(path).endswith(".lock"):
                return
        elif event not in ("os.rename", "os.remove", "os.rmdir", "os.mkdir", "shutil.copyfile", "os.truncate"):
            return
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    sys.addaudithook(hook)
    Store(db, segment_articles=3).close()
    print("steps", steps)
    """
)


def test_a_migration_killed_at_any_step_leaves_every_article_or_its_backup(tmp_path: Path) -> None:
    articles = [_article(n) for n in range(8)]
    source = tmp_path / "format2.json"
    _format2(source, articles)

    def migrate(db: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", _MIGRATE_KILLED_AT, str(db), str(kill_at)],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)

    whole = tmp_path / "whole" / "store.json"
    whole.parent.mkdir()
    whole.write_bytes(source.read_bytes())
    done = migrate(whole, 0)
    assert done.returncode == 0, done.stderr
    steps = int(done.stdout.split()[-1])
    assert steps >= 8  # the backup copy, three segment files and two catalogs, the manifest, its .bak
    for kill_at in range(1, steps + 1):
        db = tmp_path / f"k{kill_at}" / "store.json"
        db.parent.mkdir()
        db.write_bytes(source.read_bytes())
        db.with_name("store.json.bak").write_bytes(source.read_bytes())  # its last good copy, as kept
        killed = migrate(db, kill_at)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        for leftover in db.parent.glob(".store.json.*"):  # what a killed writer leaves (its lock is free)
            leftover.unlink()
        with Store(db, readonly=True) as store:  # read as it is: the format-2 file or the migrated store
            assert [store.article(a.id) for a in articles] == articles, kill_at
        with Store(db, segment_articles=3) as store:  # the next writer finishes the migration
            assert [store.article(a.id) for a in articles] == articles, kill_at
            assert all(store.facts(a.id)[0].value == "1%" for a in articles)
        assert _manifest(db)["format"] == 3
        current, backup = check_store(db)
        assert current.ok and backup.ok, (kill_at, current.detail, backup.detail)
        assert (db.parent / "store.json.format2.bak").read_bytes() == source.read_bytes(), kill_at


def test_a_migration_that_cannot_write_its_segments_changes_nothing_and_backs_up_this_store(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    old = [_article(n) for n in range(3)]
    _format2(db, old)
    (tmp_path / "store.json.format2.bak").write_bytes(db.read_bytes())  # left by an older store at this path
    articles = [_article(n) for n in range(10, 16)]
    _format2(db, articles)
    original = db.read_bytes()
    (tmp_path / "store.json.segments").write_text("not a directory")  # segment files cannot be written
    with pytest.raises(StoreError, match="cannot write store"):
        Store(db, segment_articles=3)
    assert db.read_bytes() == original  # the store is as it was ...
    assert (tmp_path / "store.json.format2.bak").read_bytes() == original  # ... and backed up, not the old copy
    with Store(db, readonly=True) as store:
        assert [store.article(a.id) for a in articles] == articles
    (tmp_path / "store.json.segments").unlink()
    with Store(db, segment_articles=3) as store:  # the next writer migrates it
        assert [store.article(a.id) for a in articles] == articles
    assert _manifest(db)["format"] == 3 and len(_manifest(db)["segments"]) == 2
