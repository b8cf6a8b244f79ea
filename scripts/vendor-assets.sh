#!/usr/bin/env bash
# Vendor OneWindow's front-end assets from the npm registry into
# onewindow/static/vendor/ so that the site needs no CDN (government intranets
# are air-gapped: every asset the browser loads must be served by us).
#
# Usage:
#   scripts/vendor-assets.sh                  fetch the pinned versions below and (re)write
#                                             onewindow/static/vendor/{bootstrap,bootstrap-icons,htmx,echarts}
#                                             and onewindow/static/vendor/VERSIONS.md
#   scripts/vendor-assets.sh --check-updates  only print the newest version on each pinned line
#
# Needs: bash, npm (+ node, which npm brings), tar. Only the npm registry is contacted.
# Everything is downloaded and checked in a temporary directory; the repository
# only changes once every check has passed, and no node_modules is ever created in it.
#
# To upgrade: change a *_VERSION below, run `npm view <pkg>@<version> dist.integrity`
# and paste the value into the matching *_INTEGRITY (or leave it empty once: the
# script then prints the value it saw so you can pin it), run the script, review
# the diff of onewindow/static/vendor/.
set -euo pipefail

# --- Pinned versions ---------------------------------------------------------------------------
BOOTSTRAP_VERSION="5.3.9"          # line 5.3.x
BOOTSTRAP_ICONS_VERSION="1.13.2"   # line 1.x
HTMX_VERSION="2.0.11"              # line 2.0.x -- NOT 4.x (npm's "latest" tag points at 4.x)
ECHARTS_VERSION="6.1.0"            # line 6.x

# sha512 Subresource-Integrity of each npm tarball (as in `npm view <pkg>@<ver> dist.integrity`).
BOOTSTRAP_INTEGRITY="sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w=="
BOOTSTRAP_ICONS_INTEGRITY="sha512-fAU1Ly3dH7hwRg+CB8EZ0Vl0fF80zgXHeUVJyfUOKzoURr+TbwISbCW5tKUoQLERaWYG2emTCybcPbD96hdD1A=="
HTMX_INTEGRITY="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
ECHARTS_INTEGRITY="sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA=="

# Version lines each pin must stay on (guards against an accidental jump to another major).
BOOTSTRAP_LINE="5.3"
BOOTSTRAP_ICONS_LINE="1"
HTMX_LINE="2.0"
ECHARTS_LINE="6"

# --- Paths -------------------------------------------------------------------------------------
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR_REL="onewindow/static/vendor"
VENDOR="$ROOT/$VENDOR_REL"

log() { printf '[vendor-assets] %s\n' "$*" >&2; }
die() { printf '[vendor-assets] ERROR: %s\n' "$*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || die "npm not found on PATH"
command -v node >/dev/null 2>&1 || die "node not found on PATH"
command -v tar >/dev/null 2>&1 || die "tar not found on PATH"

# --- --check-updates ---------------------------------------------------------------------------
if [[ "${1:-}" == "--check-updates" ]]; then
    for spec in "bootstrap@$BOOTSTRAP_LINE:$BOOTSTRAP_VERSION" \
                "bootstrap-icons@$BOOTSTRAP_ICONS_LINE:$BOOTSTRAP_ICONS_VERSION" \
                "htmx.org@$HTMX_LINE:$HTMX_VERSION" \
                "echarts@$ECHARTS_LINE:$ECHARTS_VERSION"; do
        range="${spec%%:*}"; pinned="${spec##*:}"
        # `npm view pkg@range version --json` gives a string or an ascending list.
        newest="$(npm view "$range" version --json 2>/dev/null \
            | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v[v.length-1]:v)})')"
        printf '%-24s pinned %-10s newest on line: %s\n' "$range" "$pinned" "$newest"
    done
    exit 0
elif [[ $# -gt 0 ]]; then
    die "unknown argument: $1 (see the header of this script)"
fi

# --- Sanity checks on the pins -----------------------------------------------------------------
check_line() {  # name version line
    [[ "$2" == "$3" || "$2" == "$3".* ]] || die "$1 version $2 is not on the pinned $3.x line"
    [[ "$2" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "$1 version $2 must be an exact x.y.z version"
}
check_line bootstrap "$BOOTSTRAP_VERSION" "$BOOTSTRAP_LINE"
check_line bootstrap-icons "$BOOTSTRAP_ICONS_VERSION" "$BOOTSTRAP_ICONS_LINE"
check_line htmx.org "$HTMX_VERSION" "$HTMX_LINE"
check_line echarts "$ECHARTS_VERSION" "$ECHARTS_LINE"

# --- Temp workspace ----------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/onewindow-vendor.XXXXXX")"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
STAGE="$TMP/stage"          # mirrors onewindow/static/vendor/
PKG=""
declare -A INTEGRITY_SEEN=()
mkdir -p "$STAGE" "$TMP/dl"

# fetch NPM_NAME VERSION EXPECTED_INTEGRITY -> sets PKG to the extracted package dir
# (a plain function call, not $(...), so that INTEGRITY_SEEN survives)
fetch() {
    local name="$1" version="$2" want="$3" json tgz got dir pkgver
    log "fetching $name@$version"
    # npm pack of a registry spec only downloads the tarball (no install, no scripts,
    # no node_modules); run it from the temp dir so no npm state lands in the repo.
    if ! json="$(cd "$TMP/dl" && npm pack "$name@$version" --json --ignore-scripts \
                   --pack-destination "$TMP/dl" 2>"$TMP/npm.log")"; then
        cat "$TMP/npm.log" >&2
        die "npm pack $name@$version failed"
    fi
    tgz="$TMP/dl/$(printf '%s' "$json" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')"
    [[ -f "$tgz" ]] || die "npm pack did not produce $tgz"
    got="sha512-$(node -e 'const c=require("crypto"),fs=require("fs");console.log(c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
    if [[ -z "$want" ]]; then
        log "WARNING: no integrity pinned for $name@$version; it is $got -- pin it in this script"
    elif [[ "$got" != "$want" ]]; then
        die "integrity mismatch for $name@$version: expected $want, got $got"
    fi
    dir="$TMP/pkg/$name"
    mkdir -p "$dir"
    tar -xzf "$tgz" -C "$dir" --no-same-owner
    dir="$dir/package"
    pkgver="$(node -p 'require(process.argv[1]).version' "$dir/package.json")"
    [[ "$pkgver" == "$version" ]] || die "$name tarball is version $pkgver, expected $version"
    INTEGRITY_SEEN["$name"]="$got"
    PKG="$dir"
}

# copy SRC_FILE DEST_REL (relative to STAGE); records it for VERSIONS.md
declare -A FILES_OF=()      # vendor dir -> newline-separated list of copied paths
copy() {
    local src="$1" rel="$2" key="${2%%/*}"
    [[ -f "$src" ]] || die "expected file missing from package: $src"
    mkdir -p "$(dirname "$STAGE/$rel")"
    cp "$src" "$STAGE/$rel"
    chmod 0644 "$STAGE/$rel"
    FILES_OF["$key"]+="$rel"$'\n'
}
copy_if_present() { if [[ -f "$1" ]]; then copy "$@"; fi; }

# Django's ManifestStaticFilesStorage (and WhiteNoise's subclass) rewrites
# `/*# sourceMappingURL=... */` in CSS and `//# sourceMappingURL=...` in JS and aborts
# collectstatic if the referenced file does not exist. Strip such comments when the
# map was not copied next to the file.
fix_sourcemaps() {
    local f="$1" dir ref missing=0
    dir="$(dirname "$f")"
    while IFS= read -r ref; do
        [[ -n "$ref" ]] || continue
        case "$ref" in data:*) continue ;; esac
        ref="${ref%%[?#]*}"
        [[ -f "$dir/$ref" ]] || missing=1
    done < <(grep -oE 'sourceMappingURL=[^[:space:]*]+' "$f" | sed 's/^sourceMappingURL=//' || true)
    if (( missing )); then
        log "stripping sourceMappingURL from ${f#"$STAGE"/} (map not vendored)"
        sed -i -E \
            -e 's|/\*[#@][[:space:]]*sourceMappingURL=[^*]*\*/||g' \
            -e 's|//[#@][[:space:]]*sourceMappingURL=[^[:space:]]*[[:space:]]*$||' \
            "$f"
    fi
}

# --- Fetch + stage -----------------------------------------------------------------------------
declare -A VERSION_OF=() LICENSE_OF=() NPM_OF=()
record() {  # vendor_dir npm_name version pkgdir
    VERSION_OF["$1"]="$3"; NPM_OF["$1"]="$2"
    LICENSE_OF["$1"]="$(node -p 'const j=require(process.argv[1]); j.license || (j.licenses||[]).map(l=>l.type||l).join(" OR ") || "UNKNOWN"' "$4/package.json")"
}

# bootstrap
fetch bootstrap "$BOOTSTRAP_VERSION" "$BOOTSTRAP_INTEGRITY"; pkg="$PKG"
record bootstrap bootstrap "$BOOTSTRAP_VERSION" "$pkg"
copy            "$pkg/dist/css/bootstrap.min.css"         bootstrap/bootstrap.min.css
copy_if_present "$pkg/dist/css/bootstrap.min.css.map"     bootstrap/bootstrap.min.css.map
copy            "$pkg/dist/js/bootstrap.bundle.min.js"    bootstrap/bootstrap.bundle.min.js
copy_if_present "$pkg/dist/js/bootstrap.bundle.min.js.map" bootstrap/bootstrap.bundle.min.js.map
copy            "$pkg/LICENSE"                            bootstrap/LICENSE

# bootstrap-icons: the CSS references url("fonts/bootstrap-icons.woff2?...") relative to itself
fetch bootstrap-icons "$BOOTSTRAP_ICONS_VERSION" "$BOOTSTRAP_ICONS_INTEGRITY"; pkg="$PKG"
record bootstrap-icons bootstrap-icons "$BOOTSTRAP_ICONS_VERSION" "$pkg"
copy "$pkg/font/bootstrap-icons.min.css"       bootstrap-icons/bootstrap-icons.min.css
copy "$pkg/font/fonts/bootstrap-icons.woff2"   bootstrap-icons/fonts/bootstrap-icons.woff2
copy "$pkg/font/fonts/bootstrap-icons.woff"    bootstrap-icons/fonts/bootstrap-icons.woff
copy "$pkg/LICENSE"                            bootstrap-icons/LICENSE

# htmx (2.x line)
fetch htmx.org "$HTMX_VERSION" "$HTMX_INTEGRITY"; pkg="$PKG"
record htmx htmx.org "$HTMX_VERSION" "$pkg"
copy "$pkg/dist/htmx.min.js" htmx/htmx.min.js
copy "$pkg/LICENSE"          htmx/LICENSE

# echarts (Apache-2.0: ship LICENSE + NOTICE, and the d3 licence LICENSE refers to)
fetch echarts "$ECHARTS_VERSION" "$ECHARTS_INTEGRITY"; pkg="$PKG"
record echarts echarts "$ECHARTS_VERSION" "$pkg"
copy            "$pkg/dist/echarts.min.js"     echarts/echarts.min.js
copy            "$pkg/LICENSE"                 echarts/LICENSE
copy_if_present "$pkg/NOTICE"                  echarts/NOTICE
copy_if_present "$pkg/licenses/LICENSE-d3"     echarts/licenses/LICENSE-d3

# --- Post-process + verify the staged tree -----------------------------------------------------
while IFS= read -r -d '' f; do fix_sourcemaps "$f"; done \
    < <(find "$STAGE" -type f \( -name '*.css' -o -name '*.js' \) -print0)

problems=0
while IFS= read -r -d '' f; do
    rel="${f#"$STAGE"/}"; dir="$(dirname "$f")"
    # 1. every sourceMappingURL must resolve
    while IFS= read -r ref; do
        [[ -n "$ref" ]] || continue
        [[ -f "$dir/${ref%%[?#]*}" ]] || { log "$rel: sourceMappingURL '$ref' does not exist"; problems=1; }
    done < <(grep -oE 'sourceMappingURL=[^[:space:]*]+' "$f" | sed 's/^sourceMappingURL=//' || true)
    if [[ "$f" == *.css ]]; then
        # 2. CSS url()/@import: nothing remote, every relative file present (as collectstatic requires)
        while IFS= read -r ref; do
            [[ -n "$ref" ]] || continue
            case "$ref" in
                data:*|'#'*) ;;
                http:*|https:*|//*) log "$rel: remote CSS reference '$ref'"; problems=1 ;;
                /*) log "$rel: absolute CSS reference '$ref' (would bypass STATIC_URL)"; problems=1 ;;
                *) [[ -f "$dir/${ref%%[?#]*}" ]] || { log "$rel: CSS url '$ref' does not exist"; problems=1; } ;;
            esac
        done < <(grep -oE "url\([[:space:]]*[\"']?[^\"')[:space:]]*" "$f" \
                   | sed -E "s/^url\([[:space:]]*[\"']?//" || true)
        if grep -qE "@import[[:space:]]*(url\()?[[:space:]]*[\"']?(https?:)?//" "$f"; then
            log "$rel: @import of a remote stylesheet"; problems=1
        fi
    fi
done < <(find "$STAGE" -type f \( -name '*.css' -o -name '*.js' \) -print0)
(( problems == 0 )) || die "staged assets failed verification; repository left untouched"

# --- VERSIONS.md -------------------------------------------------------------------------------
{
    echo "# Vendored front-end assets"
    echo
    echo "Generated by \`scripts/vendor-assets.sh\` from the npm registry -- do not edit by hand;"
    echo "change the pinned versions at the top of the script and re-run it."
    echo "Served from our own static files: no CDN is used anywhere (air-gapped intranets)."
    echo
    echo "| Directory | npm package | Version | Licence | Tarball integrity |"
    echo "| --- | --- | --- | --- | --- |"
    for d in bootstrap bootstrap-icons htmx echarts; do
        echo "| \`$d/\` | ${NPM_OF[$d]} | ${VERSION_OF[$d]} | ${LICENSE_OF[$d]} | \`${INTEGRITY_SEEN[${NPM_OF[$d]}]}\` |"
    done
    for d in bootstrap bootstrap-icons htmx echarts; do
        echo
        echo "## ${NPM_OF[$d]} ${VERSION_OF[$d]} (${LICENSE_OF[$d]})"
        echo
        echo "| File | Bytes | SHA-256 |"
        echo "| --- | ---: | --- |"
        while IFS= read -r rel; do
            [[ -n "$rel" ]] || continue
            printf '| `%s` | %s | `%s` |\n' "$rel" "$(wc -c < "$STAGE/$rel" | tr -d ' ')" \
                "$(sha256sum "$STAGE/$rel" | cut -d' ' -f1)"
        done <<< "${FILES_OF[$d]}"
    done
} > "$STAGE/VERSIONS.md"

# --- Install into the repository ---------------------------------------------------------------
# Only the directories this script owns are replaced; anything else under vendor/ is left alone.
mkdir -p "$VENDOR"
for d in bootstrap bootstrap-icons htmx echarts; do
    rm -rf "$VENDOR/$d"
    cp -R "$STAGE/$d" "$VENDOR/$d"
done
cp "$STAGE/VERSIONS.md" "$VENDOR/VERSIONS.md"
chmod 0644 "$VENDOR/VERSIONS.md"

log "done:"
for d in bootstrap bootstrap-icons htmx echarts; do
    log "  ${NPM_OF[$d]}@${VERSION_OF[$d]} -> $VENDOR_REL/$d/"
done
