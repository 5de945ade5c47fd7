#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""nlprobe: a raw netlink client for the guest tests, written against the
wire format rather than any library, so that it can send what no well-made
client would: truncated headers, lying lengths, wrong attribute types,
batches.

Each command prints what the kernel answered, one line per answer:
    ack                         an NLMSG_ERROR of 0
    error ENAME: MESSAGE [...]  an NLMSG_ERROR, with its extended ack
    answer CMD                  a hellonl message
    no answer                   nothing within the timeout
"""
import argparse
import errno
import os
import socket
import struct
import sys
import time

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_ECHO = 0x1, 0x2, 0x4, 0x8
NLM_F_DUMP_INTR, NLM_F_DUMP = 0x10, 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY = 1, 2, 4
NL_POLICY_TYPE_ATTR_TYPE, NL_POLICY_TYPE_ATTR_MAX_LENGTH = 1, 7
POLICY_TYPES = {4: "u32", 10: "binary", 11: "string", 12: "nul-string"}

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_CMD_GETPOLICY = 10
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
CTRL_ATTR_MCAST_GROUPS = 7

# From src/uapi/hellonl.h
CMD = {"GET": 1, "SET": 2, "HISTORY": 3, "STATS": 4, "ECHO": 5,
       "CHANGED": 6, "HEARTBEAT": 7}
CMD_NAME = {v: k for k, v in CMD.items()}
A_MESSAGE, A_SEQ, A_HEARTBEAT_MS, A_PAYLOAD = 2, 3, 7, 9
# BEGIN hellonl-only: the tutorial's protocol
# The legacy protocol: its replies print as "legacy TYPE TEXT", and its
# requests may claim any port id.
LEGACY_SET, LEGACY_GET = 0, 1
# END hellonl-only
MESSAGE_MAX = 255

TIMEOUT = 2.0


def align(n):
    return (n + 3) & ~3


def attr(atype, data):
    hdr = struct.pack("=HH", 4 + len(data), atype)
    return hdr + data + b"\0" * (align(len(data)) - len(data))


def nlmsg(mtype, flags, seq, payload, length=None):
    if length is None:
        length = 16 + len(payload)
    return struct.pack("=IHHII", length, mtype, flags, seq, 0) + payload


def batch(messages):
    """Messages in one datagram, each padded to NLMSG_ALIGNTO."""
    return b"".join(m + b"\0" * (align(len(m)) - len(m)) for m in messages)


def genl(cmd, attrs=b"", version=1, reserved=0):
    return struct.pack("=BBH", cmd, version, reserved) + attrs


def parse_attrs(data):
    attrs = {}
    while len(data) >= 4:
        alen, atype = struct.unpack_from("=HH", data)
        if alen < 4:
            break
        attrs[atype & 0x3fff] = data[4:alen]
        data = data[align(alen):]
    return attrs


def parse_messages(data):
    out = []
    while len(data) >= 16:
        length, mtype, flags, seq, pid = struct.unpack_from("=IHHII", data)
        if length < 16 or length > len(data):
            break
        out.append((mtype, flags, seq, data[16:length]))
        data = data[align(length):]
    return out


class Socket:
    def __init__(self, proto=NETLINK_GENERIC, port=0):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.bind((port, 0))
        self.port = self.sock.getsockname()[0]
        self.seq = 0

    def next_seq(self):
        self.seq += 1
        return self.seq

    def send(self, data):
        self.sock.sendto(data, (0, 0))

    def recv(self, timeout=TIMEOUT):
        """One datagram's messages, or None after the timeout."""
        self.sock.settimeout(timeout)
        try:
            return parse_messages(self.sock.recv(1 << 20))
        except socket.timeout:
            return None

    def family(self, name="hellonl"):
        req = nlmsg(GENL_ID_CTRL, NLM_F_REQUEST, self.next_seq(),
                    genl(CTRL_CMD_GETFAMILY,
                         attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0")))
        self.send(req)
        for mtype, _, _, payload in self.recv():
            if mtype == GENL_ID_CTRL:
                attrs = parse_attrs(payload[4:])
                fid = struct.unpack("=H", attrs[CTRL_ATTR_FAMILY_ID])[0]
                groups = parse_attrs(attrs.get(CTRL_ATTR_MCAST_GROUPS, b""))
                group_ids = []
                for nest in groups.values():
                    g = parse_attrs(nest)
                    group_ids.append(struct.unpack("=I", g[2])[0])
                return fid, group_ids
        raise SystemExit("nlprobe: no hellonl family")


def errno_name(number):
    """The name the kernel uses: EOPNOTSUPP, not its alias ENOTSUP."""
    if number == errno.EOPNOTSUPP:
        return "EOPNOTSUPP"
    return errno.errorcode.get(number, str(number))


def describe(messages):
    lines = []
    for mtype, flags, seq, payload in messages:
        if mtype == NLMSG_ERROR:
            (err,) = struct.unpack_from("=i", payload)
            if err == 0:
                lines.append("ack")
                continue
            words = ["error", errno_name(-err) + ":"]
            tlv_off = 4 + 16
            if not flags & NLM_F_CAPPED:
                orig_len = struct.unpack_from("=I", payload, 4)[0]
                tlv_off = 4 + align(orig_len)
            tlvs = parse_attrs(payload[tlv_off:]) if flags & NLM_F_ACK_TLVS else {}
            msg = tlvs.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0").decode()
            words.append(msg or "(no message)")
            if NLMSGERR_ATTR_OFFS in tlvs:
                words.append("(offset %d)" % struct.unpack("=I", tlvs[NLMSGERR_ATTR_OFFS])[0])
            if NLMSGERR_ATTR_POLICY in tlvs:
                pol = parse_attrs(tlvs[NLMSGERR_ATTR_POLICY])
                if NL_POLICY_TYPE_ATTR_TYPE in pol:
                    ptype = struct.unpack("=I", pol[NL_POLICY_TYPE_ATTR_TYPE])[0]
                    words.append("(policy %s)" % POLICY_TYPES.get(ptype, ptype))
                if NL_POLICY_TYPE_ATTR_MAX_LENGTH in pol:
                    words.append("(policy max-len %d)" % struct.unpack(
                        "=I", pol[NL_POLICY_TYPE_ATTR_MAX_LENGTH])[0])
            lines.append(" ".join(words))
        elif mtype == NLMSG_DONE:
            lines.append("done")
        # BEGIN hellonl-only: the tutorial's protocol
        elif mtype in (LEGACY_SET, LEGACY_GET):
            text = payload.split(b"\0")[0].decode(errors="replace")
            lines.append("legacy %s %s" % ("SET" if mtype == LEGACY_SET else "GET", text))
        # END hellonl-only
        else:
            cmd = payload[0] if payload else -1
            lines.append("answer " + CMD_NAME.get(cmd, str(cmd)))
    return lines


def exchange(sock, data, answers=None, timeout=TIMEOUT):
    """Send data; collect answers until `answers` came, or a timeout. When
    none are expected, wait the whole timeout for any that come anyway."""
    sock.send(data)
    lines = []
    while answers is None or answers == 0 or len(lines) < answers:
        messages = sock.recv(timeout)
        if messages is None:
            break
        lines += describe(messages)
    return lines or ["no answer"]


def message_attr(text):
    return attr(A_MESSAGE, text.encode() + b"\0")


# The bad inputs of the family, by name: (datagram, answers expected).
def bad_genl(case, fid, sock):
    seq = sock.next_seq()
    set_ok = genl(CMD["SET"], message_attr("fine"))
    if case == "truncated-header":
        return set_ok[:6], 0
    if case == "truncated-genl-header":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq, b"\x02\x01"), 1
    if case == "length-beyond-datagram":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq, set_ok,
                     length=16 + len(set_ok) + 64), 0
    if case == "length-below-header":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq, set_ok, length=8), 0
    if case == "length-inside-attribute":
        # Says the message ends in the middle of its MESSAGE attribute.
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq, set_ok,
                     length=16 + 4 + 6), None
    if case == "unknown-command":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq, genl(99)), 1
    if case == "unknown-attribute":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], message_attr("x") + attr(99, b"\0" * 4))), 1
    if case == "attribute-of-another-command":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], attr(A_PAYLOAD, b"abc"))), 1
    if case == "attribute-on-get":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["GET"], message_attr("x"))), 1
    if case == "wrong-type":
        # MESSAGE as a u32: four bytes and no NUL.
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], attr(A_MESSAGE, struct.pack("=I", 0x41424344)))), 1
    if case == "wrong-length":
        # HEARTBEAT_MS, a u32, in two bytes.
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], attr(A_HEARTBEAT_MS, b"\x10\x00"))), 1
    if case == "no-nul":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], attr(A_MESSAGE, b"no terminator"))), 1
    if case == "nul-inside":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], attr(A_MESSAGE, b"half\0hidden\0"))), 1
    if case == "at-limit":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], message_attr("L" * MESSAGE_MAX))), 1
    if case == "over-limit":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["SET"], message_attr("L" * (MESSAGE_MAX + 1)))), 1
    if case == "set-nothing":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq, genl(CMD["SET"])), 1
    if case == "echo-without-payload":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq, genl(CMD["ECHO"])), 1
    if case == "set-with-echo":
        # NLM_F_ECHO: the requester gets the CHANGED event too, then its ack.
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO, seq,
                     genl(CMD["SET"], message_attr("echoed"))), 2
    if case == "reserved-set":
        return nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                     genl(CMD["GET"], reserved=7)), 1
    if case == "batch-of-gets":
        return batch(nlmsg(fid, NLM_F_REQUEST, seq + i, genl(CMD["GET"]))
                     for i in range(50)), 50
    if case == "batch-of-bad-sets":
        return batch(nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq + i,
                           genl(CMD["SET"], message_attr("")))
                     for i in range(20)), 20
    raise SystemExit("nlprobe: no such case: " + case)


def cmd_bad(args):
    sock = Socket()
    fid, _ = sock.family()
    data, answers = bad_genl(args.case, fid, sock)
    print("\n".join(exchange(sock, data, answers)))


# BEGIN hellonl-only: the tutorial's protocol
# The bad inputs of the legacy protocol.
def bad_legacy(case, sock):
    seq = sock.next_seq()
    if case == "truncated-header":
        return b"\x05\x00\x00", 1
    if case == "length-beyond-datagram":
        return nlmsg(LEGACY_SET, NLM_F_REQUEST, seq, b"hi\0", length=200), 1
    if case == "length-below-header":
        return nlmsg(LEGACY_SET, NLM_F_REQUEST, seq, b"hi\0", length=4), 1
    if case == "unknown-type":
        return nlmsg(7, NLM_F_REQUEST, seq, b"hi\0"), 1
    if case == "no-nul":
        return nlmsg(LEGACY_SET, NLM_F_REQUEST, seq, b"no terminator"), 1
    if case == "empty":
        return nlmsg(LEGACY_SET, NLM_F_REQUEST, seq, b"\0"), 1
    if case == "over-limit":
        return nlmsg(LEGACY_SET, NLM_F_REQUEST, seq,
                     b"L" * (MESSAGE_MAX + 1) + b"\0"), 1
    if case == "not-utf8":
        return nlmsg(LEGACY_SET, NLM_F_REQUEST, seq, b"\xe9t\xe9\0"), 1
    if case == "batch-of-gets":
        return batch(nlmsg(LEGACY_GET, NLM_F_REQUEST, seq + i, b"?\0")
                     for i in range(30)), 30
    raise SystemExit("nlprobe: no such case: " + case)


def cmd_legacy_bad(args):
    sock = Socket(args.proto)
    data, answers = bad_legacy(args.case, sock)
    print("\n".join(exchange(sock, data, answers)))


def cmd_legacy(args):
    """A GET or SET in the tutorial's format, claiming nlmsg_pid PID."""
    sock = Socket(args.proto)
    mtype = LEGACY_SET if args.type == "set" else LEGACY_GET
    text = (args.text or "").encode() + b"\0"
    header_pid = args.claim_pid if args.claim_pid is not None else sock.port
    flags = NLM_F_REQUEST | (NLM_F_ACK if args.ack else 0)
    data = struct.pack("=IHHII", 16 + len(text), mtype, flags, 1, header_pid) + text
    decoy = None
    if args.claim_pid is not None:
        # A socket bound to the port the request claims: it must get nothing.
        decoy = Socket(args.proto, port=args.claim_pid)
    sock.send(data)
    raw = None
    sock.sock.settimeout(TIMEOUT)
    try:
        raw = sock.sock.recv(65536)
    except socket.timeout:
        pass
    if raw is None:
        print("no answer")
    else:
        length = struct.unpack_from("=I", raw)[0]
        print("nlmsg_len %d in a datagram of %d bytes" % (length, len(raw)))
        print("\n".join(describe(parse_messages(raw))))
        if args.ack:
            more = sock.recv()
            print("\n".join(describe(more)) if more else "no ack")
    if decoy is not None:
        print("decoy got " + ("nothing" if decoy.recv(1.0) is None else "a message"))


def cmd_legacy_framed(args):
    """A legacy request framed as the tutorial's program frames it: the
    text without its NUL, then padding to a multiple of 4 bytes (or to
    --payload bytes), filled from the --pad pattern, as uninitialised
    memory would be; nlmsg_len counts it all, as NLMSG_SPACE() does."""
    sock = Socket(args.proto)
    mtype = LEGACY_SET if args.type == "set" else LEGACY_GET
    text = args.text.encode()
    size = args.payload if args.payload is not None else align(len(text))
    pattern = bytes.fromhex(args.pad)
    padding = (pattern * size)[:size - len(text)]
    sock.send(nlmsg(mtype, NLM_F_REQUEST, sock.next_seq(), text + padding))
    messages = sock.recv()
    print("\n".join(describe(messages)) if messages else "no answer")


# END hellonl-only


def read_dump(sock, fid, after_first=None):
    """Read a HISTORY dump to its end: (sequence numbers, datagrams,
    interrupted). after_first, if given, runs after the first datagram."""
    seqs, datagrams, interrupted = [], 0, False
    while True:
        messages = sock.recv()
        if messages is None:
            raise SystemExit("nlprobe: the dump stalled")
        datagrams += 1
        for mtype, flags, _, payload in messages:
            interrupted |= bool(flags & NLM_F_DUMP_INTR)
            if mtype == NLMSG_DONE:
                return seqs, datagrams, interrupted
            if mtype == NLMSG_ERROR:
                raise SystemExit("nlprobe: " + describe([(mtype, flags, 0, payload)])[0])
            if mtype == fid:
                seqs.append(struct.unpack("=Q", parse_attrs(payload[4:])[A_SEQ])[0])
        if after_first and datagrams == 1:
            after_first()


def cmd_dump_pause(args):
    """Dump the history, pausing after its first datagram until DIR/go
    exists, having created DIR/paused (or for --hold seconds), and say
    what came: how many entries, their first and last sequence
    numbers, whether they were consecutive, and whether the kernel flagged
    the dump as interrupted."""
    def pause():
        if args.hold is not None:
            time.sleep(args.hold)
            return
        open(os.path.join(args.dir, "paused"), "w").close()
        while not os.path.exists(os.path.join(args.dir, "go")):
            time.sleep(0.05)

    sock = Socket()
    fid, _ = sock.family()
    sock.send(nlmsg(fid, NLM_F_REQUEST | NLM_F_DUMP, sock.next_seq(),
                    genl(CMD["HISTORY"])))
    seqs, datagrams, interrupted = read_dump(sock, fid, pause)
    gaps = sum(1 for a, b in zip(seqs, seqs[1:]) if b != a + 1)
    print("%d entries in %d datagrams, seq %s to %s, %s, %s" % (
        len(seqs), datagrams, seqs[0] if seqs else "-", seqs[-1] if seqs else "-",
        "consecutive" if not gaps else "%d gap%s" % (gaps, "s"[:gaps > 1]),
        "interrupted" if interrupted else "not interrupted"))


# BEGIN hellonl-only: the tutorial's protocol
def cmd_legacy_hammer(args):
    """For SECONDS, open a legacy socket, send a GET and read its answer,
    again and again, while the module may come and go; count what came,
    as OUTCOME=COUNT words: legacy (an answer), error, no-answer, and
    socket-ERRNO or send-ERRNO. While the file --hold names exists, it
    holds no socket and waits; once the file --stop names exists, it
    stops."""
    counts = {}
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        if args.stop and os.path.exists(args.stop):
            break
        if args.hold and os.path.exists(args.hold):
            time.sleep(0.05)
            continue
        try:
            sock = Socket(args.proto)
        except OSError as e:
            outcome = "socket-" + errno_name(e.errno)
        else:
            try:
                sock.send(nlmsg(LEGACY_GET, NLM_F_REQUEST, 1, b"?\0"))
                messages = sock.recv(1.0)
                outcome = describe(messages)[0].split(" ")[0] if messages else "no-answer"
            except OSError as e:
                outcome = "send-" + errno_name(e.errno)
            sock.sock.close()
        counts[outcome] = counts.get(outcome, 0) + 1
    print(" ".join("%s=%d" % kv for kv in sorted(counts.items())))
# END hellonl-only


def cmd_set_many(args):
    """Set COUNT messages as fast as one socket can, acking each: PREFIX
    and the message's number, filled with "x" to --length bytes."""
    sock = Socket()
    fid, _ = sock.family()
    for i in range(args.count):
        seq = sock.next_seq()
        text = ("%s%d" % (args.prefix, i)).ljust(args.length or 0, "x")
        sock.send(nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, seq,
                        genl(CMD["SET"], message_attr(text))))
        answer = describe(sock.recv())
        if answer != ["ack"]:
            raise SystemExit("nlprobe: set %d: %s" % (i, answer))
    print("set %d" % args.count)


def cmd_policy_dump(args):
    """Ask nlctrl for the family's policies, as `genl ctrl policy` does."""
    sock = Socket()
    fid, _ = sock.family()
    sock.send(nlmsg(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, sock.next_seq(),
                    genl(CTRL_CMD_GETPOLICY,
                         attr(CTRL_ATTR_FAMILY_ID, struct.pack("=H", fid)))))
    count = 0
    while True:
        messages = sock.recv()
        if messages is None:
            raise SystemExit("nlprobe: the policy dump stalled")
        for mtype, _, _, payload in messages:
            if mtype == NLMSG_DONE:
                print("%d policy messages" % count)
                return
            if mtype == NLMSG_ERROR:
                print("\n".join(describe([(mtype, 0, 0, payload)])))
                return
            count += 1


def cmd_dump_interrupted(args):
    """Start a HISTORY dump, set a message after its first datagram, and
    say whether the kernel flagged the rest of the dump as interrupted."""
    sock = Socket()
    fid, _ = sock.family()
    setter = Socket()

    def set_message():
        setter.send(nlmsg(fid, NLM_F_REQUEST | NLM_F_ACK, setter.next_seq(),
                          genl(CMD["SET"], message_attr("during the dump"))))
        assert describe(setter.recv()) == ["ack"]

    sock.send(nlmsg(fid, NLM_F_REQUEST | NLM_F_DUMP, sock.next_seq(),
                    genl(CMD["HISTORY"])))
    seqs, datagrams, interrupted = read_dump(sock, fid, set_message)
    print("%d entries in %d datagrams, %s" % (
        len(seqs), datagrams, "interrupted" if interrupted else "not interrupted"))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("bad", help="send a malformed request to the family")
    p.add_argument("case")
    p.set_defaults(run=cmd_bad)
    p = sub.add_parser("dump-pause", help="a history dump, paused after its first datagram")
    p.add_argument("dir", nargs="?")
    p.add_argument("--hold", type=float, help="pause this long instead")
    p.set_defaults(run=cmd_dump_pause)
    # BEGIN hellonl-only: the tutorial's protocol
    p = sub.add_parser("legacy-bad", help="send a malformed legacy request")
    p.add_argument("case")
    p.add_argument("--proto", type=int, default=25)
    p.set_defaults(run=cmd_legacy_bad)
    p = sub.add_parser("legacy", help="a legacy GET or SET")
    p.add_argument("type", choices=["get", "set"])
    p.add_argument("text", nargs="?")
    p.add_argument("--proto", type=int, default=25)
    p.add_argument("--claim-pid", type=int)
    p.add_argument("--ack", action="store_true")
    p.set_defaults(run=cmd_legacy)
    p = sub.add_parser("legacy-framed", help="a legacy request framed as the tutorial frames it")
    p.add_argument("type", choices=["get", "set"])
    p.add_argument("text")
    p.add_argument("--pad", default="00", help="hex bytes the padding repeats")
    p.add_argument("--payload", type=int, help="payload bytes, text and padding")
    p.add_argument("--proto", type=int, default=25)
    p.set_defaults(run=cmd_legacy_framed)
    p = sub.add_parser("legacy-hammer", help="legacy GETs on fresh sockets for SECONDS")
    p.add_argument("seconds", type=float)
    p.add_argument("--proto", type=int, default=25)
    p.add_argument("--hold", help="a file: while it exists, pause")
    p.add_argument("--stop", help="a file: once it exists, stop")
    p.set_defaults(run=cmd_legacy_hammer)
    # END hellonl-only
    p = sub.add_parser("set-many", help="set COUNT messages quickly")
    p.add_argument("count", type=int)
    p.add_argument("--prefix", default="burst-")
    p.add_argument("--length", type=int)
    p.set_defaults(run=cmd_set_many)
    p = sub.add_parser("policy-dump", help="dump the family's policies")
    p.set_defaults(run=cmd_policy_dump)
    p = sub.add_parser("dump-interrupted", help="interrupt a history dump")
    p.set_defaults(run=cmd_dump_interrupted)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
