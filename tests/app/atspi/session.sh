#!/usr/bin/env bash
# Inside a fresh X display and session bus: the accessibility bus, the app, then the reader.
# Arguments: the app's Python, the language, a folder for the app's files and the result.
set -u
python=$1 lang=$2 folder=$3
here=$(dirname "$0")
/usr/libexec/at-spi-bus-launcher --launch-immediately &
bus=$!
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb "$python" "$here/show_form.py" "$lang" "$folder" \
    >"$folder/app.log" 2>&1 &
app=$!
for _ in $(seq 600); do  # until the window is shown (the app writes expected.json)
    [ -e "$folder/expected.json" ] && break
    kill -0 $app 2>/dev/null || break
    sleep 0.1
done
status=1
if [ -e "$folder/expected.json" ]; then
    /usr/bin/python3 "$here/read_tree.py" show_form.py "$folder/tree.json" 2>"$folder/reader.log"
    status=$?
fi
touch "$folder/stop"
wait $app
quit=$?  # the app quits cleanly too (its accessible interfaces made in Python included)
kill $bus 2>/dev/null
[ $status -eq 0 ] && [ $quit -ne 0 ] && echo "the app quit with status $quit" >&2 && status=$quit
exit $status
