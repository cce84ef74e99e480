#!/usr/bin/env bash
# The long fuzzing campaign: each target for a fixed number of executions, one after
# the other, on one core. New inputs go to work/TARGET (git-ignored), findings to
# artifacts/TARGET; the committed seeds in corpus/ are read, never written.
#   bash fuzz/campaign.sh [TARGET=RUNS ...]     (default: the counts of the closing note)
# The summary of each run (executions, seconds, coverage) is appended to work/campaign.log.
set -euo pipefail
cd "$(dirname "$0")"
plan=("$@")
if [ ${#plan[@]} -eq 0 ]; then
    plan=(tokenize=10000000 time=10000000 gazetteer=2000000 rules=2000000
          extract=10000000 extract_data=2000000)
fi
mkdir -p work
for item in "${plan[@]}"; do
    target=${item%%=*}; runs=${item#*=}
    dict=syntax
    case $target in tokenize|time|extract) dict=words ;; esac
    mkdir -p "work/$target"
    start=$(date +%s)
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a -s none "$target" "work/$target" "corpus/$target" -- \
        -runs="$runs" -dict="dict/$dict.dict" -max_len="${MAX_LEN:-8192}" -print_final_stats=1 \
        > "work/$target.log" 2>&1 || echo "$target: FAILED (see work/$target.log)"
    end=$(date +%s)
    stats=$(grep -E "stat::number_of_executed_units|stat::peak_rss_mb|^Done" "work/$target.log" | tr '\n' ' ')
    echo "$(date -u +%FT%TZ) $target runs=$runs seconds=$((end - start)) $stats" >> work/campaign.log
done
