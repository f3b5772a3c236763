#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Where the time of a module load goes: make bench's breakdown.

Reads the console log of the trace-flavour boot (scripts/vm/tests/
bench-trace.sh: function_graph over the loader's module_sig_check(), with
modguard's hook inside it (patch 0003), lines "trace TAG OP FILE: <graph
line>", and mg-bench's "bench load ... traced=no|yes" lines) and prints
Markdown: per load, how many hash passes over the module and signature
verifications it took; per phase, the time of one load and its share of
the root's total, per module size.

Counting: a hash pass is one crypto_shash_digest() or crypto_shash_finup()
call (the PKCS#7 digest, Debian's blacklist digest), plus one for
modguard's own digests when modguard_verify_prepare() hashed (its payload
and whole-image digests come from one pass: the state is copied after the
payload). A verification is one public_key_verify_signature() call.

Each traced call's own time (its duration less that of the traced calls
inside it) goes to the phase its name belongs to (PHASES); a call with no
phase of its own goes to its caller's, and the root's own time to "rest".
So the phases of a load add up to the root's total exactly. A series has
the first load and N more; the figures are those of the load with the
median total among the N (under QEMU's -icount they differ by well under
1%).

    trace-report.py VM-LOG
"""

import re
import statistics
import sys

# Phase of each traced function (its own time, and that of untraced code
# it calls). sha256 calls are split by whether PKCS#7 verification called
# them (the digest the signature covers) or not (modguard's own digests,
# or the loader's blacklist digest).
HASH = ("sha256_update", "sha256_final", "crypto_shash_digest",
        "crypto_shash_finup")
PKCS7_VERIFY = ("verify_pkcs7_message_sig", "pkcs7_verify")
PHASES = {
    "crypto_alloc_shash": "sha256 tfm allocation",
    "is_hash_blacklisted": "blacklist lookup",
    "pkcs7_parse_message": "PKCS#7 parse/free",
    "pkcs7_free_message": "PKCS#7 parse/free",
    "modguard_pkcs7_signer_id": "PKCS#7 parse/free",
    "verify_pkcs7_message_sig": "PKCS#7 other (trust, revocation)",
    "verify_pkcs7_signature": "PKCS#7 other (trust, revocation)",
    "pkcs7_verify": "PKCS#7 other (trust, revocation)",
    "pkcs7_validate_trust": "PKCS#7 other (trust, revocation)",
    "is_key_on_revocation_list": "PKCS#7 other (trust, revocation)",
    "public_key_verify_signature": "RSA verify",
    "mpi_powm": "RSA verify",
    "modguard_trailer_parse": "trailer, ELF name",
    "modguard_compression_of": "trailer, ELF name",
    "modguard_module_name": "trailer, ELF name",
    "modguard_keyring_find_signer": "signer key lookup",
    "modguard_evaluate_rules": "policy lookup",
    "modguard_policy_lookup": "policy lookup",
    "modguard_audit_decision": "audit",
    "audit_log_start": "audit",
    "audit_log_end": "audit",
}
ORDER = [
    "sha256 (outside PKCS#7)",
    "sha256 (PKCS#7 digest)",
    "sha256 tfm allocation",
    "RSA verify",
    "PKCS#7 parse/free",
    "PKCS#7 other (trust, revocation)",
    "blacklist lookup",
    "trailer, ELF name",
    "signer key lookup",
    "policy lookup",
    "audit",
    "rest",
]
HOOK = "modguard_kernel_module_sig_check"
LOADER = "module_sig_check"

TRACE = re.compile(r"^trace (\S+) (\S+) (\S+): (.*)$")
GRAPH = re.compile(r"^\s*\d+\)\s+(?:([\d.]+) us\s+)?\|\s*(.*?)\s*$")
BENCH = re.compile(r"bench load (.*)$")
SIZES = {"4k": "4.6 KiB", "64k": "64.8 KiB", "1m": "1020.8 KiB",
         "4m": "4.0 MiB"}


class Call:
    def __init__(self, name, parent):
        self.name = name
        self.parent = parent
        self.children = []
        self.dur = None

    def under(self, names):
        p = self.parent
        while p:
            if p.name in names:
                return True
            p = p.parent
        return False

    def phase(self):
        if self.name in HASH:
            return ("sha256 (PKCS#7 digest)" if self.under(PKCS7_VERIFY)
                    else "sha256 (outside PKCS#7)")
        if self.name in PHASES:
            return PHASES[self.name]
        return self.parent.phase() if self.parent else "rest"


def parse(path):
    """{(tag, op, file): [load]}, a load being {root name: Call};
    and {(tag, op, file, traced): median_us} from mg-bench."""
    series, stack, times = {}, {}, {}
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = BENCH.search(line)
            if m:
                kv = dict(x.split("=", 1) for x in m.group(1).split()
                          if "=" in x)
                key = (kv["tag"], kv["op"], kv["file"], kv["traced"])
                times[key] = float(kv["median_us"])
                continue
            m = TRACE.match(line)
            if not m:
                continue
            key = m.group(1, 2, 3)
            g = GRAPH.match(m.group(4))
            if not g:
                continue
            dur, body = g.groups()
            loads = series.setdefault(key, [])
            st = stack.setdefault(key, [])
            if body.endswith("{"):
                name = body.split("(")[0]
                call = Call(name, st[-1] if st else None)
                if st:
                    st[-1].children.append(call)
                    if name == HOOK and loads:
                        loads[-1][HOOK] = call
                elif name == LOADER:
                    loads.append({LOADER: call})
                st.append(call)
            elif body.startswith("}") and st:
                st.pop().dur = float(dur)
            elif body.endswith(";") and st:
                call = Call(body.split("(")[0], st[-1])
                call.dur = float(dur)
                st[-1].children.append(call)
    return series, times


def phases(root):
    """{phase: us} for one call tree; the values add up to root.dur."""
    out = dict.fromkeys(ORDER, 0.0)

    def walk(c):
        inner = sum(k.dur or 0.0 for k in c.children)
        out[c.phase()] += (c.dur or 0.0) - inner
        for k in c.children:
            walk(k)
    walk(root)
    return out


def calls(root, names):
    """How many calls of @names the tree under @root holds."""
    n = 1 if root.name in names else 0
    return n + sum(calls(k, names) for k in root.children)


def passes(root):
    """Hash passes over the module in the tree under @root (module doc)."""
    n = calls(root, ("crypto_shash_digest", "crypto_shash_finup"))

    def prepared(c):
        if c.name == "modguard_verify_prepare":
            return calls(c, ("sha256_update",)) > 0
        return any(prepared(k) for k in c.children)
    return n + (1 if prepared(root) else 0)


def median_load(loads, root):
    """The load (after the first) whose @root call has the median total."""
    got = [ld[root] for ld in loads[1:] if root in ld and ld[root].dur]
    if not got:
        return None
    got.sort(key=lambda c: c.dur)
    return got[(len(got) - 1) // 2]


def ms(us):
    return f"{us / 1000:.3f}" if us < 10000 else f"{us / 1000:.1f}"


def table(title, series, tag, op, root, want_sizes):
    cols = []
    for size in want_sizes:
        suffix = "" if tag.startswith("signed") else "-unsigned"
        key = (tag, op, f"/bench/mg_bench_{size}{suffix}.ko")
        call = median_load(series.get(key, []), root)
        if call:
            cols.append((size, call.dur, phases(call)))
    if not cols:
        return
    print(f"### {title}")
    print()
    print("| phase | " + " | ".join(f"{SIZES[s]} ms | %" for s, _, _ in cols)
          + " |")
    print("|---|" + "---|---|" * len(cols))
    for ph in ORDER:
        if all(p[ph] == 0 for _, _, p in cols):
            continue
        cells = []
        for _, tot, p in cols:
            cells.append(f"{ms(p[ph])} | {100 * p[ph] / tot:.1f}")
        print(f"| {ph} | " + " | ".join(cells) + " |")
    print("| **total** | " + " | ".join(f"**{ms(t)}** | 100"
                                        for _, t, _ in cols) + " |")
    print()


def main():
    series, times = parse(sys.argv[1])
    if not series:
        sys.exit("trace-report.py: no trace lines in " + sys.argv[1])
    sizes = ["4k", "64k", "1m", "4m"]
    hook = {"finit": HOOK, "init": HOOK}

    print("### Work per load: hash passes over the module, signature "
          "verifications")
    print()
    print("In module_sig_check(), modguard's hook included (counting: "
          "scripts/bench/trace-report.py).")
    print()
    print("| load | size | hash passes | of which modguard's | "
          "verifications | of which modguard's |")
    print("|---|---|---|---|---|---|")
    for tag, what in (("signed", "allowed"), ("unsigned", "denied")):
        for size in sizes:
            for op in ("finit", "init"):
                suffix = "" if tag.startswith("signed") else "-unsigned"
                f = f"/bench/mg_bench_{size}{suffix}.ko"
                loads = series.get((tag, op, f))
                s = median_load(loads, LOADER) if loads else None
                if not s:
                    continue
                h = [c for c in s.children if c.name == HOOK]
                hp = sum(passes(c) for c in h)
                hv = sum(calls(c, ("public_key_verify_signature",))
                         for c in h)
                print(f"| {what} {op} | {SIZES[size]} | {passes(s)} | {hp} "
                      f"| {calls(s, ('public_key_verify_signature',))} | "
                      f"{hv} |")
    print()

    print("### Totals per load (virtual ms: instructions / 10^6)")
    print()
    print("| load | size | syscall, untraced | syscall, traced | "
          "tracer's cost | modguard hook | module_sig_check |")
    print("|---|---|---|---|---|---|---|")
    for tag, what in (("signed", "allowed"), ("unsigned", "denied"),
                      ("signed-audited", "allowed, audit_allow=1")):
        for size in sizes:
            for op in ("finit", "init"):
                suffix = "" if tag.startswith("signed") else "-unsigned"
                f = f"/bench/mg_bench_{size}{suffix}.ko"
                loads = series.get((tag, op, f))
                if not loads:
                    continue
                h = median_load(loads, hook[op])
                s = median_load(loads, LOADER)
                un = times.get((tag, op, f, "no"))
                tr = times.get((tag, op, f, "yes"))
                cost = (f"{tr - un:+.0f} µs" if un and tr
                        and tag == "unsigned" else "n/a")
                print(f"| {what} {op} | {SIZES[size]} | "
                      f"{ms(un) if un else '?'} | {ms(tr) if tr else '?'} | "
                      f"{cost} | {ms(h.dur) if h else '-'} | "
                      f"{ms(s.dur) if s else '-'} |")
    print()
    print("Allowed loads on the trace kernel take a wait that the other "
          "kernels do not (their syscall times, traced or not, fall on "
          "4 ms jiffy steps): do_init_module()'s ftrace_free_mem() waits "
          "for an RCU grace period, outside both roots, so for "
          "allowed loads "
          "compare the hook and module_sig_check times, not the syscall. "
          "The tracer's own cost shows on denials (traced minus untraced "
          "syscall: the same code, ~17 traced calls; from 1 MiB up, timer "
          "interrupts move it by up to 0.1% either way).")
    print()
    print("Per phase: the load with the median modguard total of its "
          "series; ms per load and share of the root's total (%).")
    print()
    table("modguard, allowed load (signed module), finit_module",
          series, "signed", "finit", hook["finit"], sizes)
    table("modguard, allowed load (signed module), init_module",
          series, "signed", "init", hook["init"], sizes)
    table("modguard, denied load (unsigned module: reason=unsigned, "
          "audited), finit_module", series, "unsigned", "finit",
          hook["finit"], sizes)
    table("modguard, allowed load with audit_allow=1, finit_module",
          series, "signed-audited", "finit", hook["finit"], ["4k"])
    table("The loader's module_sig_check() of the same allowed load, "
          "finit_module", series, "signed", "finit", LOADER, sizes)

    missing = []
    with open(sys.argv[1], errors="replace") as f:
        for line in f:
            m = re.match(r"^bench-trace func=(\S+) missing", line)
            if m:
                missing.append(m.group(1))
    if missing:
        print("Not traceable in this kernel (inlined or absent; their time "
              "is their caller's): " + ", ".join(missing) + ".")
        print()


if __name__ == "__main__":
    main()
