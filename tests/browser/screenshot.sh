#!/usr/bin/env bash
# Screenshot a run's report.html in headless Chromium, at a phone width and a desktop width, and
# check that each picture is the expected size and not blank.
#
# Usage: tests/browser/screenshot.sh REPORT_DIR OUT.png
#   OUT.png          phone, 412 x 6000 (tall enough to reach the first charts below a players' section)
#   OUT-desktop.png  desktop, 1280 x 2400
# Without Chromium on PATH it prints "skip: chromium not installed" and exits 0 (CI does not
# install it; install Debian's `chromium` package to run the check).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 REPORT_DIR OUT.png" >&2
    exit 2
fi
report_dir=$1
out=$2

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then
        browser=$(command -v "$b")
        break
    fi
done
if [[ -z $browser ]]; then
    echo "skip: chromium not installed"
    exit 0
fi

if [[ ! -d $report_dir ]]; then
    echo "fail: $report_dir is not a folder" >&2
    exit 1
fi
page="$(cd "$report_dir" && pwd)/report.html"
if [[ ! -s $page ]]; then
    echo "fail: $page does not exist or is empty" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
desktop="${out%.png}-desktop.png"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# shot WIDTH HEIGHT FILE: one screenshot of the page's top WIDTH x HEIGHT CSS pixels, at scale 1.
# The background-networking flags keep Chromium from calling out (the page itself loads nothing:
# its CSP allows no network).
shot() {
    local w=$1 h=$2 file=$3
    rm -f "$file"
    if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --force-device-scale-factor=1 --no-first-run --disable-quic --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" \
        --window-size="$w,$h" --screenshot="$file" "file://$page" >"$profile/log" 2>&1; then
        echo "fail: $browser exited non-zero for the ${w}x$h screenshot:" >&2
        tail -n 20 "$profile/log" >&2
        exit 1
    fi
}

# check FILE WIDTH HEIGHT LABEL: the PNG decodes (zlib and the PNG filters, standard library only),
# has the size asked for, and is not blank: enough colours, enough ink, some chart colour.
check() {
    python3 - "$@" <<'PY'
import struct, sys, zlib

path, want_w, want_h, label = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def fail(msg):
    print(f"fail: {label} screenshot {path}: {msg}", file=sys.stderr)
    sys.exit(1)

try:
    data = open(path, "rb").read()
except OSError as e:
    fail(f"not written ({e})")
if data[:8] != b"\x89PNG\r\n\x1a\n":
    fail("not a PNG")
pos, idat, ihdr = 8, [], None
while pos + 8 <= len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat.append(body)
    elif kind == b"IEND":
        break
    pos += 12 + n
if ihdr is None:
    fail("no IHDR chunk")
w, h, depth, ctype, _, _, interlace = ihdr
channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
if depth != 8 or channels is None or interlace != 0:
    fail(f"unsupported PNG (bit depth {depth}, colour type {ctype}, interlace {interlace})")
if (w, h) != (want_w, want_h):
    fail(f"{w}x{h}, expected {want_w}x{want_h}")
raw = zlib.decompress(b"".join(idat))
stride = w * channels
if len(raw) != h * (stride + 1):
    fail("truncated image data")

# Undo the per-row filters (PNG spec §9).
rows, prev = [], bytearray(stride)
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(channels, stride):
            line[i] = (line[i] + line[i - channels]) & 255
    elif f == 2:
        for i in range(stride):
            line[i] = (line[i] + prev[i]) & 255
    elif f == 3:
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
    elif f == 4:
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], (prev[i - channels] if i >= channels else 0)
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pred) & 255
    elif f != 0:
        fail(f"bad filter {f} on row {y}")
    rows.append(bytes(line))
    prev = line

colours, ink, vivid = set(), 0, 0
for line in rows:
    for x in range(0, stride, channels):
        px = line[x:x + channels]
        if channels <= 2:
            r = g = b = px[0]
        else:
            r, g, b = px[0], px[1], px[2]
        colours.add((r, g, b))
        if min(r, g, b) < 235:
            ink += 1
        if max(r, g, b) - min(r, g, b) > 60:
            vivid += 1
total = w * h
ink_share, vivid_share = ink / total, vivid / total
print(f"{label}: {w}x{h}, {len(colours)} colours, {ink_share:.1%} ink, {vivid_share:.2%} chart colour")
if len(colours) < 32:
    fail(f"only {len(colours)} distinct colours: blank or an error page")
if ink_share < 0.01:
    fail(f"only {ink_share:.2%} of the pixels are not white: blank")
if ink_share > 0.9:
    fail(f"{ink_share:.0%} of the pixels are dark: not the report")
if vivid_share < 0.001:
    fail(f"only {vivid_share:.3%} of the pixels are coloured: no chart or rating drawn")
PY
}

shot 412 6000 "$out"
check "$out" 412 6000 phone
shot 1280 2400 "$desktop"
check "$desktop" 1280 2400 desktop
echo "ok: $out $desktop"
