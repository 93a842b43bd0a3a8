#!/usr/bin/env bash
# Installs the system programs the tests need (Debian): LibreOffice for opening and
# converting generated documents (python3-uno keeps one running between PDFs), CJK fonts (Noto
# CJK; FandolFang and FandolKai for 仿宋 and
# 楷体 from texlive-lang-chinese, about 270 MB with its TeX dependencies), poppler for reading
# PDFs back, xmllint (libxml2-utils) for the OOXML schema check, Chromium for the browser tests and benchmark (/usr/bin/chromium, driven by
# playwright-core), PostgreSQL for the store and server tests (the tests start their own
# server in a temporary folder).
# Idempotent: does nothing when they are already there.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# python3-uno lets docgen keep one LibreOffice warm between PDFs (packages/docgen/src/warm-converter.ts).
[ -f /usr/lib/python3/dist-packages/uno.py ] || need+=(python3-uno)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep 'Noto Serif CJK' >/dev/null || need+=(fonts-noto-cjk)
# templates/fonts/fonts.conf adds this folder to fontconfig's directories.
[ -f /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf ] || need+=(texlive-lang-chinese)
# xmllint validates .docx parts against the OOXML schemas (shenbao templates check, packages/docgen/src/ooxml-xsd.ts).
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少系统软件 / missing system packages: ${need[*]}" >&2
  echo "请安装 / install with: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "installing ${need[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
