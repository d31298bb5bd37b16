#!/usr/bin/env bash
# Renders assets/flow-crm-icon.svg into every icon file the app and the installers use, and copies them to
# packaging/<os>/. Run it after editing the SVG and commit the results (the build does not render icons).
# Needs rsvg-convert (librsvg2-bin), ImageMagick's convert (imagemagick) and python3.
set -euo pipefail
cd "$(dirname "$0")"
svg=flow-crm-icon.svg
mkdir -p png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$svg" --output "png/flow-crm-$size.png"
done
# Windows shows 16..48 in lists and the taskbar and 256 in large views; .ico keeps all of them.
convert png/flow-crm-16.png png/flow-crm-24.png png/flow-crm-32.png png/flow-crm-48.png \
  png/flow-crm-64.png png/flow-crm-128.png png/flow-crm-256.png flow-crm.ico
python3 make-icns.py flow-crm.icns png

mkdir -p ../packaging/linux ../packaging/windows ../packaging/macos
# jpackage takes the launcher name (FlowCRM) for the icon file names in a resource dir.
cp png/flow-crm-256.png ../packaging/linux/FlowCRM.png
cp flow-crm.ico ../packaging/windows/FlowCRM.ico
cp flow-crm.icns ../packaging/macos/FlowCRM.icns
