#!/usr/bin/python3
# Quick author-side check of the demo pack source, for use before (or besides) the real
# `content-pack build`: YAML front matter parses, required keys are present, ids are
# unique and well formed, dates parse, relative links and image paths resolve, text is NFC,
# quiz answers index into their choices. Prints `path:line: message`; exit 1 on errors.
import datetime, os, re, sys, unicodedata
import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TYPES = {"procedure", "document", "article", "faq", "quiz", "announcement"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
LINK_RE = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
errors = []


def err(path, line, msg):
    errors.append(f"{os.path.relpath(path, ROOT)}:{line}: {msg}")


def check_date(path, key, value):
    if isinstance(value, datetime.date):
        return
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        err(path, 1, f"{key}: not a YYYY-MM-DD date: {value!r}")


def check_rel(path, target, what):
    if re.match(r"^[a-z]+:", target) or target.startswith("#"):
        return
    full = os.path.normpath(os.path.join(os.path.dirname(path), target.split("#")[0]))
    if not os.path.exists(full):
        err(path, 1, f"{what} does not resolve: {target}")


def main():
    with open(os.path.join(ROOT, "pack.yaml"), encoding="utf-8") as f:
        pack = yaml.safe_load(f)
    for k in ("id", "title", "publisher", "language"):
        if k not in pack:
            err("pack.yaml", 1, f"missing {k}")
    ids, counts, doc_ids, items = {}, {}, set(), []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if not name.endswith(".md") or name.startswith((".", "_")) or \
                    (dirpath == ROOT and name == "README.md"):
                continue
            path = os.path.join(dirpath, name)
            text = open(path, encoding="utf-8").read()
            if unicodedata.normalize("NFC", text) != text:
                err(path, 1, "text is not NFC")
            m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
            if not m:
                err(path, 1, "no front matter")
                continue
            try:
                fm = yaml.safe_load(m.group(1))
            except yaml.YAMLError as e:
                err(path, getattr(getattr(e, "problem_mark", None), "line", 0) + 2, f"bad YAML: {e}")
                continue
            items.append((path, fm, m.group(2)))
            for k in ("type", "id", "title"):
                if not fm.get(k):
                    err(path, 1, f"missing {k}")
            t = fm.get("type")
            if t not in TYPES:
                err(path, 1, f"unknown type {t!r}")
            counts[t] = counts.get(t, 0) + 1
            i = str(fm.get("id", ""))
            if not ID_RE.match(i):
                err(path, 1, f"bad id {i!r}")
            if i in ids:
                err(path, 1, f"duplicate id {i} (also {ids[i]})")
            ids[i] = os.path.relpath(path, ROOT)
            if t == "document":
                doc_ids.add(i)
    for path, fm, body in items:
        for key in ("updated", "date", "from", "until", "issued", "effective"):
            if key in fm:
                check_date(path, key, fm[key])
        if "image" in fm:
            check_rel(path, fm["image"], "image")
        for d in fm.get("documents") or []:
            if isinstance(d, dict) and d.get("form") and "/" in str(d["form"]):
                check_rel(path, d["form"], "form")
        for target in LINK_RE.findall(body):
            check_rel(path, target, "link")
        t = fm.get("type")
        if t == "procedure":
            if "code" not in fm:
                print(f"{os.path.relpath(path, ROOT)}:1: note: procedure without code")
            for k in ("channels", "documents", "steps", "legal_basis", "online_url"):
                if k not in fm:
                    err(path, 1, f"procedure without {k}")
            if not isinstance(fm.get("code", ""), str):
                err(path, 1, "code must be a quoted string")
            for ch in fm.get("channels") or []:
                if not isinstance(ch, dict) or "how" not in ch:
                    err(path, 1, f"channel without how: {ch!r}")
        if t == "quiz":
            for n, q in enumerate(fm.get("questions") or [], 1):
                ch = q.get("choices") or []
                a = q.get("answer")
                if len(ch) != 4 or not isinstance(a, int) or not 0 <= a < len(ch) or not q.get("explain"):
                    err(path, 1, f"question {n} malformed")
        if t == "announcement":
            for k in ("from", "until"):
                if k not in fm:
                    err(path, 1, f"announcement without {k}")
    for e in errors:
        print(e)
    print("items:", dict(sorted((k or "?", v) for k, v in counts.items())), "errors:", len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
