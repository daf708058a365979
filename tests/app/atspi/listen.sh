#!/usr/bin/env bash
# A recorded listen with Orca (not a test: docs/accessibility.md tells what was heard).
# Run inside `xvfb-run -a dbus-run-session --`: the app on an empty draft, Orca with its debug
# log on, xdotool types three answers (the third a wrong e-mail, then corrected) as an officer
# would, asks to mark the submission complete (refused: the status line says why), then walks
# the menus by the keyboard (their names: no "(E)" key marker in Chinese); what
# Orca said is in the log's "SPEECH OUTPUT" lines, spoken to a WAV file with espeak-ng.
# Arguments: the app's Python, the language, an output folder.
set -u
python=$1 lang=$2 folder=$3
here=$(dirname "$0")
mkdir -p "$folder"
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 1
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb "$python" "$here/show_form.py" "$lang" \
    "$folder" fresh >"$folder/app.log" 2>&1 &
app=$!
for _ in $(seq 300); do [ -e "$folder/expected.json" ] && break; sleep 0.1; done
orca --replace --debug-file="$folder/orca-debug.txt" >"$folder/orca.log" 2>&1 &
orca=$!
sleep 4
win=$(xdotool search --name "GCM Collect" | head -1)
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
sleep 2
sleep 1
case $lang in  # the answers, and the Alt key of the first menu (Edit)
ar) lead="وزارة الداخلية" name="أمينة ديالو" menu=alt+Arabic_beh ;;
zh) lead="内政部" name="阿米娜·迪亚洛" menu=alt+e ;;
*) lead="Ministry of the Interior" name="Amina Diallo" menu=alt+e ;;
esac
xdotool type --delay 60 "$lead"; sleep 1
xdotool key Tab; sleep 2
xdotool type --delay 60 "$name"; sleep 1
xdotool key Tab; sleep 2
xdotool key Tab; sleep 2
xdotool type --delay 60 "amina.example.org"; sleep 3  # written in a pause: its problem shows
xdotool key ctrl+a; sleep 1
xdotool type --delay 60 "amina@example.org"; sleep 3  # corrected: the problem goes
xdotool key Tab; sleep 3
xdotool key ctrl+shift+m; sleep 4  # Mark complete, refused: the status line says why
# The menus, by the keyboard: Alt+E opens Edit, Down to its items, Right to the next menus.
xdotool key $menu; sleep 2
xdotool key Down; sleep 2
xdotool key Right; sleep 2
xdotool key Right; sleep 2
xdotool key Escape; sleep 1
xdotool key Escape; sleep 1
grep -a "SPEECH OUTPUT" "$folder/orca-debug.txt" | sed -e "s/.*SPEECH OUTPUT: '//" -e "s/'.*//" \
    | grep -v '^$' | uniq >"$folder/heard.txt"
espeak-ng -v "$lang" -w "$folder/heard.wav" -f "$folder/heard.txt" 2>/dev/null
touch "$folder/stop"
kill $orca 2>/dev/null
wait $app
