#!/usr/bin/env python3
"""Writes the hostile-input corpus into cases/ (run from anywhere: python3 tests/hostile/make-cases.py).

The files are committed; this script says how each was made, and makes them again byte for byte
(gzip headers carry mtime 0). manifest.json, written by hand, says what `costs` must do with each.
The gzip files come from Python's gzip module, as a Python exporter would write them.
"""
import gzip
import io
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")


def row(day, hour, cost, sku="Sku", credit="-0.25", service="Compute Engine", labels='[{"key":"team","value":"payments"}]'):
    return ('{"billing_account_id":"01A2B3-C4D5E6-F7A8B9","service":{"id":"6F81","description":"%s"},'
            '"sku":{"id":"K","description":"%s"},"usage_start_time":"%s %02d:00:00 UTC",'
            '"usage_end_time":"%s %02d:59:59 UTC","labels":%s,"cost":%s,"currency":"USD",'
            '"credits":[{"name":"n","amount":%s,"type":"SUSTAINED_USAGE_DISCOUNT"}],"invoice":{"month":"202610"}}'
            % (service, sku, day, hour, day, hour, labels, cost, credit))


GOOD = [row("2026-10-01", 0, "1.25"), row("2026-10-01", 1, "2.50"), row("2026-10-02", 0, "4.00")]  # net 7.75 - 0.75 = 7.00
FOCUS_HEADER = "BilledCost,BillingCurrency,BillingAccountId,ChargePeriodStart,ChargePeriodEnd,ServiceName,Tags"


def focus(cost, service="Compute", tags=""):
    return "%s,USD,acct,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,%s,%s" % (cost, service, tags)


FOCUS_GOOD = [focus("1.25"), focus("2.50"), focus("4.00")]  # net 7.75 (FOCUS lines carry no credits)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def lines(rows, end="\n"):
    return "".join(r + end for r in rows)


def gz(data):
    return gzip.compress(data if isinstance(data, bytes) else data.encode("utf-8"), mtime=0)


def killed_writer(rows, after):
    """What a gzip.open writer leaves when it is killed after `after` lines, each written then flushed."""
    raw = io.BytesIO()
    f = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    for r in rows[:after]:
        f.write((r + "\n").encode("utf-8"))
        f.flush()
    return raw.getvalue()  # the trailer is only written by close(), which never came


def main():
    os.makedirs(HERE, exist_ok=True)
    good = lines(GOOD)
    write("good.jsonl", good)
    write("good-crlf.jsonl", lines(GOOD, "\r\n"))
    write("good-cr.jsonl", lines(GOOD, "\r"))
    write("good-bom.jsonl", b"\xef\xbb\xbf" + good.encode())
    write("good.jsonl.gz", gz(good))
    write("good-two-members.jsonl.gz", gz(lines(GOOD[:1])) + gz(lines(GOOD[1:])))
    write("good-focus-bom-crlf.csv", b"\xef\xbb\xbf" + lines([FOCUS_HEADER] + FOCUS_GOOD, "\r\n").encode())
    write("focus-header-only.csv", FOCUS_HEADER + "\n")
    write("not-focus.csv", "a,b\n1,2\n")
    write("shard-000000000000.jsonl", lines([row("2026-10-03", h, "1.00") for h in range(2)]))
    write("shard-000000000001.jsonl.gz", gz(lines([row("2026-10-03", h, "1.00") for h in range(2, 4)])))

    # Gzip cut short or damaged. A 2-day export of 2,400 hourly rows, its writer killed after line 1,200.
    export = [row("2026-10-%02d" % (1 + i // 1200), (i // 50) % 24, "0.01", sku="Sku %d" % (i % 50)) for i in range(2400)]
    write("gzip-flushed-writer-killed.jsonl.gz", killed_writer(export, 1200))
    whole = gz(good)
    write("gzip-cut-mid-block.jsonl.gz", whole[: len(whole) // 2])
    write("gzip-no-trailer.jsonl.gz", whole[:-8])
    write("gzip-half-trailer.jsonl.gz", whole[:-4])
    write("gzip-header-only.jsonl.gz", whole[:10])
    write("gzip-magic-only.jsonl.gz", whole[:2])
    bad_crc = bytearray(whole)
    bad_crc[-8] ^= 0xFF
    write("gzip-bad-crc.jsonl.gz", bytes(bad_crc))
    write("gzip-trailing-garbage.jsonl.gz", whole + b"junk")
    write("gzip-second-member-cut.jsonl.gz", gz(lines(GOOD[:1])) + gz(lines(GOOD[1:]))[:-3])
    write("gzip-empty.jsonl.gz", gz(b""))

    # Amounts out of range.
    write("cost-decimal-max.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, "79228162514264337593543950335")]))
    write("cost-30-digits.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, '"123456789012345678901234.123456"')]))
    write("cost-1e18.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, "1e18")]))
    write("credit-minus-1e18.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, "1", credit="-1000000000000000000")]))
    write("cost-1e400.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, "1e400")]))
    write("focus-billedcost-too-big.csv", lines([FOCUS_HEADER] + FOCUS_GOOD[:2] + [focus("79228162514264337593543950335")]))
    write("focus-billedcost-inexact.csv", lines([FOCUS_HEADER] + FOCUS_GOOD[:2] + [focus("1.0000000000000000000000000000001")]))

    # Lone UTF-16 surrogates, escaped in JSON.
    write("surrogate-label.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, "4.00", labels='[{"key":"team","value":"\\ud800"}]')]))
    write("surrogate-label-key.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, "4.00", labels='[{"key":"\\udfff","value":"x"}]')]))
    write("surrogate-focus-tag.csv", lines([FOCUS_HEADER] + FOCUS_GOOD[:2] + [focus("4.00", tags='"{""team"":""\\ud800""}"')]))

    # Bytes that are not UTF-8, in a service name.
    def bad_utf8(raw):
        return good.encode().replace(b"Compute Engine", b"Compute " + raw + b"ngine", 1)
    write("utf8-latin1-byte.jsonl", bad_utf8(b"\xe9"))
    write("utf8-overlong.jsonl", bad_utf8(b"\xc0\xaf"))
    write("utf8-encoded-surrogate.jsonl", bad_utf8(b"\xed\xa0\x80"))
    write("utf8-cut-sequence.jsonl", bad_utf8(b"\xe2\x82"))
    write("utf8-focus-service.csv", lines([FOCUS_HEADER] + FOCUS_GOOD).encode().replace(b"Compute", b"Comp\xffte", 1))
    write("utf16le-bom.csv", b"\xff\xfe" + lines([FOCUS_HEADER] + FOCUS_GOOD).encode("utf-16-le"))
    write("utf16be-bom.jsonl", b"\xfe\xff" + good.encode("utf-16-be"))

    # Empty, blank, odd lines.
    write("empty.jsonl", b"")
    write("blank.jsonl", "\n  \n\t\n")
    write("truncated-last-line.jsonl", good[:-40])
    write("nul-in-line.jsonl", good.replace("payments", "pay\0ments", 1))
    write("escape-in-cost.jsonl", lines(GOOD[:2] + [row("2026-10-02", 0, '"\\u001b[2J\\u001b[31mboom"')]))
    huge = row("2026-10-02", 0, "4.00", labels='[{"key":"team","value":"%s"}]' % ("x" * (5 << 20)))
    write("huge-line.jsonl.gz", gz(lines(GOOD[:2] + [huge])))
    open_quote = [FOCUS_HEADER, focus("1.25"), '1,USD,acct,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,"never closed,'] + [focus("1.00")] * 90000
    write("focus-quote-never-closed.csv.gz", gz(lines(open_quote)))

    # Sums past 28 significant digits round in a different order for the bill and for the shares, so the
    # analysis cannot add up: the load and its analysis are one decision, so nothing is kept.
    write("sums-round-apart.jsonl", lines([row("2026-10-01", h % 24, "999999999999999999.000000005", credit="0",
                                                labels='[{"key":"app","value":"%s"}]' % "ab"[h % 2]) for h in range(120)]))

    # Configuration with misspelled keys and wrong shapes: refused, never silently ignored.
    write("config-misspelled.json", '{"Alerts": {"Budgetz": [], "Anomaly": {"Sensitivty": 3}}, "Attribution": {"ServiceLabels": "team"}}\n')
    write("config-stor.json", '{"Stor": {"Path": "elsewhere.db"}}\n')
    os.makedirs(os.path.join(HERE, "a-folder"), exist_ok=True)
    write(os.path.join("a-folder", "README"), "A folder given to `costs ingest file` in place of a file.\n")


if __name__ == "__main__":
    main()
