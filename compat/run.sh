#!/usr/bin/env bash
# Compatibility matrix: the starter in a user's application (compat/consumer) under the
# spring-boot-starter-parent of each line of compat/boot-lines.txt, with no version override,
# tested from outside (CompatibilityTests); then each case of compat/failure-cases.txt, which
# must stop at startup with a failure analysis (StartupFailureTests). One line per case, a
# summary, and a non-zero exit if any case failed.
#
#   bash compat/run.sh                         # every case; installs the starter first
#   bash compat/run.sh 4.1.2 old-api           # only the cases named (Boot versions or case names)
#   COMPAT_SKIP_INSTALL=true bash compat/run.sh  # the starter is already installed
#
# Each case is built in target/compat/<case>/ (its Maven output in build.log).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/compat
selected=("$@")
failed=()
cases=0

mkdir -p "$out"
total_start=$SECONDS
if [ "${COMPAT_SKIP_INSTALL:-false}" != true ]; then
	mvn -B -q -DskipTests install > "$out/install.log" 2>&1 || { cat "$out/install.log"; exit 1; }
	echo "compat: starter installed ($((SECONDS - total_start)) s)"
fi

# Whether a case was named on the command line (all are when none was).
is_selected() {
	[ ${#selected[@]} -eq 0 ] && return 0
	local name
	for name in "${selected[@]}"; do
		[ "$name" = "$1" ] && return 0
	done
	return 1
}

# Replaces every occurrence of a placeholder in a file (plain text, no pattern characters).
fill() {
	local file=$1 placeholder=$2 value=$3 text
	text=$(<"$file")
	printf '%s\n' "${text//"$placeholder"/"$value"}" > "$file"
}

# Copies the consumer template to target/compat/<case>/ for a Boot line, with what differs
# between Boot 3 and 4, and a failure case's pom change (properties or dependencies, and its XML).
prepare() {
	local dir=$out/$1 boot=$2 where=${3:-} change=${4:-} package line_dependencies properties="" dependencies=""
	case $where in
		'') ;;
		properties) properties=$change ;;
		dependencies) dependencies=$change ;;
		*) echo "compat/failure-cases.txt: '$where' is neither properties nor dependencies" >&2; exit 2 ;;
	esac
	# Boot 4 moved RestTemplateBuilder and RestClient.Builder out of the web starter into
	# spring-boot-starter-restclient, and RestTemplateBuilder into another package.
	case $boot in
		3.*)
			package=org.springframework.boot.web.client
			line_dependencies=""
			;;
		*)
			package=org.springframework.boot.restclient
			line_dependencies="<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-restclient</artifactId></dependency>"
			;;
	esac
	rm -rf "$dir"
	cp -r compat/consumer "$dir"
	fill "$dir/pom.xml" "@BOOT_VERSION@" "$boot"
	fill "$dir/pom.xml" "<!-- @LINE_DEPENDENCIES@ -->" "$line_dependencies"
	fill "$dir/pom.xml" "<!-- @PROPERTIES@ -->" "$properties"
	fill "$dir/pom.xml" "<!-- @DEPENDENCIES@ -->" "$dependencies"
	fill "$dir/src/main/java/com/example/compat/FrontController.java" "@REST_TEMPLATE_BUILDER_PACKAGE@" "$package"
}

# Runs the consumer's tests (Maven arguments given) and prints the case's result line; on a
# failure, the Surefire reports without stack frames, or the build errors if no test ran.
run_case() {
	local label=$1 dir=$out/$2 start=$SECONDS
	shift 2
	cases=$((cases + 1))
	if (cd "$dir" && mvn -B test "$@" < /dev/null > build.log 2>&1); then
		echo "compat $label: passed ($((SECONDS - start)) s) $(grep -h 'Tests run:' "$dir/build.log" | tail -1 | sed 's/^\[[A-Z]*\] //')"
		return
	fi
	echo "compat $label: FAILED ($((SECONDS - start)) s), full output in $dir/build.log"
	failed+=("$label")
	if ls "$dir"/target/surefire-reports/*.txt > /dev/null 2>&1; then
		grep -hv '^[[:space:]]*at \|^[[:space:]]*\.\.\. [0-9]* more' "$dir"/target/surefire-reports/*.txt | sed 's/^/    /' || true
		# A request that failed inside the application shows only as a status 500 in the report:
		# its exception is in the log (those the report already shows are left out).
		local logged
		logged=$(grep -E '^(Caused by: )?[a-z][A-Za-z0-9_.]*\.[A-Z][A-Za-z0-9_$]*(Exception|Error)(:|$)' "$dir/build.log" \
			| grep -vxF -f <(cat "$dir"/target/surefire-reports/*.txt) \
			| grep -v 'AssertionError\|AssertionFailedError\|ConditionTimeoutException' | awk '!seen[$0]++' | head -10 || true)
		if [ -n "$logged" ]; then
			echo "    Exceptions in the application's log (first 10 distinct):"
			echo "$logged" | sed 's/^/      /'
		fi
	else
		grep '^\[ERROR\]' "$dir/build.log" | head -40 | sed 's/^/    /' || true
	fi
}

while read -r boot; do
	[ -z "$boot" ] && continue
	is_selected "$boot" || continue
	prepare "$boot" "$boot"
	run_case "$boot" "$boot" -Dtest=CompatibilityTests,LogsTests
done < compat/boot-lines.txt

while read -r boot name where change; do
	case $boot in '' | '#'*) continue ;; esac
	is_selected "$name" || continue
	prepare "$name" "$boot" "$where" "$change"
	run_case "$name ($boot)" "$name" -Dtest=StartupFailureTests -Dcompat.case="$name"
done < compat/failure-cases.txt

if [ ${#failed[@]} -eq 0 ]; then
	echo "compat: all $cases cases passed, $((SECONDS - total_start)) s in all"
else
	echo "compat: $((cases - ${#failed[@]})) of $cases cases passed, $((SECONDS - total_start)) s in all; failed: $(printf '%s, ' "${failed[@]}" | sed 's/, $//')"
fi
[ ${#failed[@]} -eq 0 ]
