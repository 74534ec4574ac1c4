#!/usr/bin/env bash
# Regenerate the test recordings in this folder: speech from espeak-ng, encoded by
# sox and ffmpeg the way Asterisk's Monitor/MixMonitor writes them, named by uniqueid.
# Needs (Debian): espeak-ng sox libsox-fmt-all ffmpeg python3, and for real/ the
# packages asterisk-core-sounds-en-wav asterisk-core-sounds-en-gsm.
# The tests do not run this: they read the committed files. After a run, check
# expected.txt (what ffprobe and ffmpeg say) against the values in tests/test_recordings.py.
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# speech NAME VOICE TEXT: 8 kHz mono 16-bit PCM in $work/NAME.wav (-R -D: no random dither,
# so a rerun gives the same bytes).
speech() {
    espeak-ng -v "$2" -s 165 -w "$work/$1-22k.wav" "$3"
    sox -R "$work/$1-22k.wav" -D -r 8000 -c 1 -b 16 -e signed-integer "$work/$1.wav"
}
speech agent en-us "Thank you for calling, how can I help?"
speech caller en-gb+f3 "Hi, I would like to check on my order, please."
speech transfer en-us "Transferring you now."
speech short en-us "One moment, please."

rm -rf monitor
day=monitor/2026/11/13
mkdir -p "$day"

# Mixed recordings, one per container Asterisk writes: <uniqueid>.<format>
cp "$work/agent.wav" "$day/1794560455.21.wav"                                   # PCM WAV
sox -R "$work/agent.wav" -D -e gsm-full-rate -t wav "$day/1794560486.23.WAV"   # wav49: GSM in WAV
sox -R "$work/agent.wav" -D -t gsm "$day/1794560497.25.gsm"                    # raw GSM
sox -R "$work/agent.wav" -D -e u-law -t raw "$day/1794560615.30.ulaw"          # raw µ-law
sox -R "$work/short.wav" -D -e a-law -t raw "monitor/1794561700.85.alaw"       # raw A-law
sox -R "$work/short.wav" -D -e u-law -t raw "monitor/1794561400.70.ul"         # no call in the log
# MixMonitor file names with the uniqueid after a prefix
ffmpeg -nostdin -v error -y -i "$work/agent.wav" -ac 1 -ar 8000 -c:a libmp3lame -b:a 16k \
    "$day/q-sales-20261113-090640-1794560800.40.mp3"                             # CBR, Info tag
sox -R "$work/short.wav" -D -e a-law -t raw "$day/out-2001-20261113-091000-1794561000.50.al"
# MP3 variants: VBR with a Xing header and an ID3v1 tag; CBR with no Xing header at all
ffmpeg -nostdin -v error -y -i "$work/caller.wav" -ac 1 -ar 16000 -c:a libmp3lame -q:a 7 \
    -write_id3v1 1 -metadata title="call 1794561500.75" "monitor/1794561500.75.mp3"
ffmpeg -nostdin -v error -y -i "$work/short.wav" -ac 1 -ar 16000 -c:a libmp3lame -b:a 24k \
    -write_xing 0 "monitor/1794561600.80.mp3"
# A stereo pair (MixMonitor r()/t() options): caller in µ-law WAV, agent in A-law WAV
sox -R "$work/caller.wav" -D -e u-law -t wav "$day/1794560900.45-in.wav"
sox -R "$work/agent.wav" -D -e a-law -t wav "$day/1794560900.45-out.wav"
# An extra leg, written by ffmpeg, whose LIST chunk (encoder name) sits before `data`
ffmpeg -nostdin -v error -y -i "$work/transfer.wav" -ac 1 -ar 8000 -c:a pcm_s16le \
    "$day/1794560455.21-transfer.wav"

# Problem files: empty, random bytes, and a recording still being written (Asterisk fills
# in the RIFF and data sizes only when the recording ends, so both are still 0).
: >"monitor/1794561100.55.wav"
python3 - "$work/short.wav" <<'EOF'
import random, struct, sys
random.seed(1794561200)
open("monitor/1794561200.60.wav", "wb").write(bytes(random.randrange(256) for _ in range(1500)))
wav = bytearray(open(sys.argv[1], "rb").read())
at = wav.index(b"data")
wav[4:8] = struct.pack("<I", 0)
wav[at + 4 : at + 8] = struct.pack("<I", 0)
open("monitor/1794561300.65.wav", "wb").write(wav)
EOF

# A few of Asterisk's own prompts (Debian's asterisk-core-sounds-en-*, CC-BY-SA-3.0)
if [ -d /usr/share/asterisk/sounds/en ]; then
    mkdir -p real
    cp /usr/share/asterisk/sounds/en/auth-thankyou.wav /usr/share/asterisk/sounds/en/auth-thankyou.gsm real/
fi

# What ffmpeg makes of each file: its container, codec and rate (ffprobe), and the length
# of the decoded audio (samples ffmpeg decodes / rate). For MP3 the decoded length leaves out
# the encoder delay and padding named in the LAME tag, so it is shorter than ffprobe's
# format duration (frames × 576 or 1152 samples).
probe() {
    local file=$1 rate samples
    shift
    # </dev/null: ffprobe would otherwise eat the file list the loop reads from stdin
    rate=$(ffprobe -v error "$@" -i "$file" -show_entries stream=sample_rate -of csv=p=0 </dev/null)
    samples=$(($(ffmpeg -v error -nostdin "$@" -i "$file" -f s16le -ac 1 - 2>/dev/null | wc -c) / 2))
    printf '%s\t%s\tdecoded=%s samples\tdecoded_s=%s\n' "$file" \
        "$(ffprobe -v error "$@" -i "$file" -of compact=p=0 \
            -show_entries format=format_name,duration:stream=codec_name,sample_rate,channels </dev/null |
            tr '\n' '|')" "$samples" "$(python3 -c "print(round($samples / $rate, 6))")"
}
{
    echo "# ffprobe/ffmpeg on each test file (make_audio.sh); raw files read as -f FORMAT -ar 8000 -ac 1"
    find monitor real -type f -size +0 ! -name 1794561200.60.wav ! -name '*.md' |
        LC_ALL=C sort | while read -r f; do
        case "${f,,}" in
            *.gsm) probe "$f" -f gsm ;;
            *.ulaw | *.ul) probe "$f" -f mulaw -ar 8000 -ac 1 ;;
            *.alaw | *.al) probe "$f" -f alaw -ar 8000 -ac 1 ;;
            *) probe "$f" ;;
        esac
    done
} >expected.txt
du -sh .
