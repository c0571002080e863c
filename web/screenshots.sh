#!/usr/bin/env bash
# Regenerates docs/screenshot-upload.png and docs/screenshot-files.png from the browser test that walks the user story
# (Debian's headless Chromium via Playwright; see docs/page.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Baton.Browser.Tests -v q
BATON_SCREENSHOTS="$PWD/docs" dotnet test tests/Baton.Browser.Tests --no-build \
  --filter "FullyQualifiedName~UploadFlowTests.Two_files_upload_the_big_one_pauses_survives_a_reload_resumes_and_both_download_identical"
ls -l docs/screenshot-upload.png docs/screenshot-files.png
