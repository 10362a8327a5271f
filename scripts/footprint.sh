#!/usr/bin/env bash
# Prints the jars (and their total size) that the starter adds to a Spring MVC application
# with RestClient: the runtime classpath of such an app with the starter, less the same app
# without it. Run after 'mvn -B -q -DskipTests install' so the starter is in the local repository.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n "s:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p" pom.xml | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app_pom() {
	cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>4.0.7</version><relativePath/></parent>
  <groupId>example</groupId><artifactId>footprint</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webmvc</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-restclient</artifactId></dependency>
    $1
  </dependencies>
</project>
POM
}
app_pom "" > "$work/pom.xml"
mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/without" >/dev/null
app_pom "<dependency><groupId>dev.cloudtrace</groupId><artifactId>cloudtrace-spring-boot-starter</artifactId><version>$version</version></dependency>" > "$work/pom.xml"
mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/with" >/dev/null
comm -13 <(ls "$work/without") <(ls "$work/with") > "$work/added"
(cd "$work/with" && ls -l $(cat "$work/added") | awk '{printf "%9d  %s\n", $5, $9}')
bytes=$(cd "$work/with" && du -cb $(cat "$work/added") | tail -1 | cut -f1)
echo "$(wc -l < "$work/added") jars, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1000000}') MB added by cloudtrace-spring-boot-starter"
