#!/usr/bin/env bash
# compose/local/stack.sh — the services connectd's integration tests talk to,
# run as plain processes on 127.0.0.1 (no Docker needed):
#
#   kafka       Apache Kafka, KRaft, one combined broker+controller node
#               (jars from Maven Central via compose/local/pom.xml)
#   mariadb     MariaDB with a ROW/FULL binlog (CDC-ready), root/root, TLS
#               offered (not required) with a CA generated into the state folder
#   postgres    PostgreSQL with wal_level=logical, postgres/postgres
#   clickhouse  ClickHouse, user default with no password
#
# Usage:  compose/local/stack.sh up | down [--purge] | status
#
# Everything the stack writes (data, logs, pid files, generated configs, the
# Kafka jars) lives under one state folder, $STACK_DIR (default
# <repo>/.local-stack). See compose/local/README.md for all the knobs.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
POM="$SCRIPT_DIR/pom.xml"

STACK_DIR=${STACK_DIR:-$REPO/.local-stack}
# Canonical absolute path: the pid checks match it in command lines, so every
# spelling of the same folder must give the same string.
STACK_DIR=$(realpath -m -- "$STACK_DIR")

ALL_SERVICES="kafka mariadb postgres clickhouse"
SERVICES=${SERVICES:-$ALL_SERVICES}

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_VERSION=${KAFKA_VERSION:-}            # empty: the version pinned in pom.xml
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}
MARIADB_PORT=${MARIADB_PORT:-3306}
POSTGRES_PORT=${POSTGRES_PORT:-5432}
CLICKHOUSE_PORT=${CLICKHOUSE_PORT:-8123}
CLICKHOUSE_TCP_PORT=${CLICKHOUSE_TCP_PORT:-9000}

STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}     # seconds, per service
STOP_TIMEOUT=${STOP_TIMEOUT:-60}            # seconds before SIGKILL, per service
MAVEN_REPO_LOCAL=${MAVEN_REPO_LOCAL:-}      # empty: Maven's default (~/.m2/repository)

# Written into STACK_DIR on `up`; `down --purge` refuses to delete a folder
# without it, so a mistyped STACK_DIR can never wipe something else.
STAMP_FILE=".connectd-local-stack"

# ----------------------------------------------------------------------------
# helpers

log()  { printf '[stack] %s\n' "$*" >&2; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
die()  { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $EUID -eq 0 ]]; }
have()    { command -v "$1" >/dev/null 2>&1; }

sorted_words() { tr -s ' ' '\n' <<<"$1" | sed '/^$/d' | sort -u | xargs; }
pid_file() { echo "$STACK_DIR/$1/$1.pid"; }
log_file() { echo "$STACK_DIR/$1/log/$1.log"; }   # the process's stdout+stderr

# A string that appears in the command line of exactly the process this stack
# started for a service (always a path inside STACK_DIR).
svc_marker() {
    case $1 in
        kafka)      echo "$STACK_DIR/kafka/server.properties" ;;
        mariadb)    echo "--defaults-file=$STACK_DIR/mariadb/my.cnf" ;;
        postgres)   echo "-D $STACK_DIR/postgres/data" ;;
        clickhouse) echo "--config-file=$STACK_DIR/clickhouse/config.xml" ;;
    esac
}

# Prints the pid of the service's process if it is running, else fails.
# The pid from the pid file only counts if that process is alive, not a zombie,
# and its command line carries svc_marker: a stale pid file whose number was
# reused by an unrelated process is never trusted (and so never signalled).
running_pid() {
    local svc=$1 f pid state
    f=$(pid_file "$svc")
    [[ -r $f ]] || return 1
    pid=$(head -n1 "$f" | tr -dc '0-9')
    [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(svc_marker "$svc")" || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [[ $state != Z ]] || return 1
    echo "$pid"
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# launch SVC CMD...: start CMD detached, in a session of its own (setsid: it
# survives this shell and its terminal, and is leader of its own process group,
# which `down` uses to reap leftovers), output appended to the service log.
# The pid is written by the process itself right before exec, so it is the real
# server pid whether or not setsid had to fork.
launch() {
    local svc=$1; shift
    local logf pidf
    logf=$(log_file "$svc"); pidf=$(pid_file "$svc")
    mkdir -p "$(dirname "$logf")"
    printf '\n===== %s stack.sh: starting %s =====\n' "$(date '+%F %T')" "$svc" >>"$logf"
    rm -f "$pidf"
    # shellcheck disable=SC2016  # $$ and $@ belong to the inner bash
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" "$@" </dev/null >>"$logf" 2>&1 &
    for _ in $(seq 50); do [[ -s $pidf ]] && break; sleep 0.1; done
    [[ -s $pidf ]] || die "$svc: failed to launch (see $logf)"
}

# Logs worth showing when a service fails (its own log files besides stdout).
extra_logs() {
    case $1 in
        kafka)      echo "$STACK_DIR/kafka/log/server.log" ;;
        clickhouse) echo "$STACK_DIR/clickhouse/log/clickhouse-server.err.log" ;;
    esac
}

show_log_tail() {
    local svc=$1 f
    for f in "$(log_file "$svc")" $(extra_logs "$svc"); do
        [[ -s $f ]] || continue
        printf -- '----- last 40 lines of %s -----\n' "$f" >&2
        tail -n 40 "$f" >&2
    done
    printf -- '-----\n' >&2
}

FAILED=()

# wait_for SVC WHAT CMD...: poll CMD once a second until it succeeds. Gives up
# (recording a failure, printing the log tail) when the process dies or
# STARTUP_TIMEOUT passes. Returns non-zero on failure.
wait_for() {
    local svc=$1 what=$2; shift 2
    local deadline=$((SECONDS + STARTUP_TIMEOUT))
    until "$@" >/dev/null 2>&1; do
        if ! running_pid "$svc" >/dev/null; then
            printf '[stack] ERROR: %s exited while waiting for %s\n' "$svc" "$what" >&2
            show_log_tail "$svc"; FAILED+=("$svc"); return 1
        fi
        if (( SECONDS >= deadline )); then
            printf '[stack] ERROR: %s: no %s after %ss\n' "$svc" "$what" "$STARTUP_TIMEOUT" >&2
            show_log_tail "$svc"; FAILED+=("$svc"); return 1
        fi
        sleep 1
    done
}

# The ports a service was started with (recorded at start), or the configured ones.
svc_ports() {
    local svc=$1 f
    f="$STACK_DIR/$svc/ports"
    if running_pid "$svc" >/dev/null && [[ -r $f ]]; then cat "$f"; return; fi
    case $svc in
        kafka)      echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT" ;;
        mariadb)    echo "$MARIADB_PORT" ;;
        postgres)   echo "$POSTGRES_PORT" ;;
        clickhouse) echo "$CLICKHOUSE_PORT $CLICKHOUSE_TCP_PORT" ;;
    esac
}

# Refuse to start on a port someone else (e.g. a distro-started server) holds:
# the new process would just die with "address in use".
check_ports_free() {
    local svc=$1 p; shift
    for p in "$@"; do
        port_open "$p" && die "$svc: 127.0.0.1:$p is already in use by a process this stack did not start (set the port env var to move it)"
    done
    return 0
}

# ----------------------------------------------------------------------------
# installing missing packages (Debian)

java_ok() {
    have java || return 1
    local v
    v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [[ ${v%%.*} =~ ^[0-9]+$ ]] && (( ${v%%.*} >= 17 ))   # Kafka 4 brokers need 17+
}

kafka_lib_stamp() { echo "kafka.version=${KAFKA_VERSION:-pom} pom=$(sha256sum "$POM" | cut -c1-16)"; }
kafka_lib_ready() { [[ -r $STACK_DIR/kafka/lib/.stamp && $(cat "$STACK_DIR/kafka/lib/.stamp") == "$(kafka_lib_stamp)" ]]; }

pg_bin() {
    if [[ -n ${PG_BIN:-} ]]; then echo "$PG_BIN"; return; fi
    local d
    d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)
    [[ -n $d && -x $d/initdb ]] || return 1
    echo "$d"
}

# Lists the Debian packages the selected services need and do not have.
missing_packages() {
    local svc pkgs=()
    for svc in $SERVICES; do
        case $svc in
            kafka)
                java_ok || pkgs+=(openjdk-17-jre-headless)
                kafka_lib_ready || have mvn || pkgs+=(maven)
                have kcat || pkgs+=(kcat) ;;
            mariadb)
                { have mariadbd || [[ -x /usr/sbin/mariadbd ]]; } && have mariadb-install-db || pkgs+=(mariadb-server)
                have mariadb || pkgs+=(mariadb-client)
                have openssl || pkgs+=(openssl) ;;
            postgres)
                pg_bin >/dev/null || pkgs+=(postgresql)
                have psql && have pg_isready || pkgs+=(postgresql-client) ;;
            clickhouse)
                have clickhouse-server || [[ -x /usr/sbin/clickhouse-server ]] || pkgs+=(clickhouse-server)
                have clickhouse-client || pkgs+=(clickhouse-client)
                have curl || pkgs+=(curl) ;;
        esac
    done
    echo "${pkgs[@]}"
}

ensure_packages() {
    local pkgs sudo=()
    pkgs=$(missing_packages)
    [[ -z $pkgs ]] && return 0
    if ! is_root; then
        have sudo || die "missing packages: $pkgs (not root and no sudo: install them, then rerun)"
        sudo=(sudo)
    fi
    have apt-get || die "missing packages: $pkgs (no apt-get on this machine: install them, then rerun)"
    log "installing: $pkgs"

    # Debian postinst scripts try to start the freshly installed servers on the
    # default ports; a policy-rc.d that exits 101 forbids that. Only ours is
    # removed afterwards.
    local policy=/usr/sbin/policy-rc.d own_policy=""
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\n# temporary, from connectd compose/local/stack.sh\nexit 101\n' |
            "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod 755 "$policy"
        own_policy=1
    fi

    # apt-get update only when the lists do not know one of the packages.
    local p need_update=""
    for p in $pkgs; do
        apt-cache show "$p" >/dev/null 2>&1 || { need_update=1; break; }
    done
    local rc=0
    {
        if [[ -n $need_update ]]; then
            "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
        fi >&2
        # shellcheck disable=SC2086  # word-splitting the package list is intended
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
            install -y -q --no-install-recommends $pkgs >&2
    } || rc=$?
    [[ -n $own_policy ]] && "${sudo[@]}" rm -f "$policy"
    (( rc == 0 )) || die "apt-get install of '$pkgs' failed (exit $rc)"
}

# ----------------------------------------------------------------------------
# kafka

# kafka_tool [--timeout SECS] CLASS ARGS...: run a Kafka command-line class
# (small JVM, log output: warnings only, to stderr).
kafka_tool() {
    local d="$STACK_DIR/kafka" t=()
    if [[ $1 == --timeout ]]; then t=(timeout "$2"); shift 2; fi
    "${t[@]}" java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
         -Dlog4j2.configurationFile="$d/log4j2-tools.properties" -cp "$d/lib/*" "$@"
}

# Copy kafka_2.13 + runtime deps + a log4j2 binding from Maven Central (cached
# in the Maven local repo) into STACK_DIR/kafka/lib. Skipped when the jars
# already match pom.xml and KAFKA_VERSION.
kafka_resolve_jars() {
    kafka_lib_ready && return 0
    local lib="$STACK_DIR/kafka/lib" args=(-B -q -f "$POM")
    [[ -n $KAFKA_VERSION ]] && args+=("-Dkafka.version=$KAFKA_VERSION")
    [[ -n $MAVEN_REPO_LOCAL ]] && args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
    log "kafka: resolving jars with Maven${KAFKA_VERSION:+ (kafka $KAFKA_VERSION)}"
    rm -rf "$lib.tmp"
    # Output kept aside and shown only on failure (even -q Maven prints
    # terminal escape codes).
    local out="$STACK_DIR/kafka/log/mvn.log"
    mvn "${args[@]}" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$lib.tmp" >"$out" 2>&1 ||
        { cat "$out" >&2; die "kafka: mvn dependency:copy-dependencies failed (log: $out)"; }
    rm -rf "$lib"
    mv "$lib.tmp" "$lib"
    kafka_lib_stamp >"$lib/.stamp"
}

kafka_version() {
    local j
    j=$(printf '%s\n' "$STACK_DIR"/kafka/lib/kafka_2.13-*.jar | head -n1)
    j=${j##*/kafka_2.13-}; echo "${j%.jar}"
}

kafka_write_config() {
    local d="$STACK_DIR/kafka"
    cat >"$d/server.properties" <<EOF
# generated by compose/local/stack.sh on every start; edit the script, not this
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$d/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
    # Broker log4j output goes to log/server.log (rotated); the stdout log,
    # log/kafka.log, gets only what the JVM itself prints (crashes, OOM).
    cat >"$d/log4j2.properties" <<EOF
# generated by compose/local/stack.sh
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $d/log/server.log
appender.file.filePattern = $d/log/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.file.ref = FILE
# chatty at INFO and useless for a one-node test broker
logger.kafka_request.name = kafka.request.logger
logger.kafka_request.level = warn
logger.state_change.name = state.change.logger
logger.state_change.level = warn
EOF
    cat >"$d/log4j2-tools.properties" <<EOF
# generated by compose/local/stack.sh: for command-line tools (kafka_tool)
status = warn
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = STDERR
EOF
    # Short timeouts for the TopicCommand readiness probe (used without kcat).
    printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=8000\n' >"$d/admin.properties"
}

kafka_start() {
    local d="$STACK_DIR/kafka"
    mkdir -p "$d/data" "$d/log"
    kafka_resolve_jars
    kafka_write_config
    # KRaft needs its log dir formatted with a cluster id once; the id is kept
    # so that a reformat (after a purge of data/) is recognisable in the logs.
    if [[ ! -f $d/data/meta.properties ]]; then
        [[ -s $d/cluster.id ]] || kafka_tool kafka.tools.StorageTool random-uuid \
            2>>"$(log_file kafka)" | tail -n1 >"$d/cluster.id"
        log "kafka: formatting storage (cluster id $(cat "$d/cluster.id"))"
        kafka_tool kafka.tools.StorageTool format \
            -t "$(cat "$d/cluster.id")" -c "$d/server.properties" >>"$(log_file kafka)" 2>&1 ||
            { show_log_tail kafka; die "kafka: storage format failed"; }
    fi
    check_ports_free kafka "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
    echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT" >"$d/ports"
    # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS is a list of JVM flags
    launch kafka java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
        -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$d/log4j2.properties" -Dkafka.logs.dir="$d/log" \
        -cp "$d/lib/*" kafka.Kafka "$d/server.properties"
}

# Ready = a metadata request lists broker 1.
kafka_ready() {
    local port
    port=$(svc_ports kafka | cut -d' ' -f1)
    if have kcat; then
        timeout 15 kcat -L -b "127.0.0.1:$port" -m 5 2>/dev/null | grep -q 'broker 1 at'
    else
        kafka_tool --timeout 30 org.apache.kafka.tools.TopicCommand \
            --bootstrap-server "127.0.0.1:$port" --command-config "$STACK_DIR/kafka/admin.properties" --list
    fi
}

kafka_wait() { wait_for kafka "metadata response on 127.0.0.1:$(svc_ports kafka | cut -d' ' -f1)" kafka_ready; }

# ----------------------------------------------------------------------------
# mariadb

# The TLS material of the MariaDB service, made once per state folder (kept
# across restarts so clients can keep trusting the CA; remade only when a file
# is missing or a certificate expires within a day):
#   ca.pem / ca-key.pem                  self-signed CA
#   server-cert.pem / server-key.pem     signed by the CA, subjectAltName
#                                        IP:127.0.0.1, DNS:localhost
#   client-cert.pem / client-key.pem     signed by the CA, for client-certificate
#                                        (REQUIRE X509) tests
tls_dir() { echo "$STACK_DIR/mariadb/tls"; }

mariadb_tls_valid() {
    local t f
    t=$(tls_dir)
    for f in ca.pem ca-key.pem server-cert.pem server-key.pem client-cert.pem client-key.pem; do
        [[ -s $t/$f ]] || return 1
    done
    for f in ca.pem server-cert.pem client-cert.pem; do
        openssl x509 -in "$t/$f" -noout -checkend 86400 >/dev/null 2>&1 || return 1
    done
    openssl verify -CAfile "$t/ca.pem" "$t/server-cert.pem" "$t/client-cert.pem" >/dev/null 2>&1
}

# tls_sign NAME CN EXTENSIONS: a key and a certificate signed by the CA.
tls_sign() {
    local t name=$1 cn=$2 ext=$3
    t=$(tls_dir)
    openssl req -new -newkey rsa:2048 -nodes -keyout "$t/$name-key.pem" \
        -subj "/O=connectd local stack/CN=$cn" -out "$t/$name.csr" 2>/dev/null
    printf '%s\n' "$ext" >"$t/$name.ext"
    openssl x509 -req -in "$t/$name.csr" -CA "$t/ca.pem" -CAkey "$t/ca-key.pem" \
        -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 \
        -extfile "$t/$name.ext" -out "$t/$name-cert.pem" 2>/dev/null
    rm -f "$t/$name.csr" "$t/$name.ext"
}

mariadb_tls_generate() {
    local t
    t=$(tls_dir)
    mariadb_tls_valid && return 0
    log "mariadb: generating a CA and server/client certificates in $t"
    rm -rf "$t"
    mkdir -p "$t"
    chmod 755 "$t"
    (
        umask 077
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
            -keyout "$t/ca-key.pem" -out "$t/ca.pem" \
            -subj "/O=connectd local stack/CN=connectd local stack CA" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
        tls_sign server localhost "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost"
        tls_sign client connectd-client "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
    ) || die "mariadb: generating the TLS certificates with openssl failed"
    # Certificates are public; the keys stay readable by the owner only (the
    # server runs as the user that runs this script).
    chmod 644 "$t/ca.pem" "$t/server-cert.pem" "$t/client-cert.pem"
    mariadb_tls_valid || die "mariadb: the generated TLS certificates do not verify against $t/ca.pem"
}

mariadb_write_config() {
    local d="$STACK_DIR/mariadb" t
    t=$(tls_dir)
    cat >"$d/my.cnf" <<EOF
# generated by compose/local/stack.sh on every start; edit the script, not this.
# Read with --defaults-file, so /etc/mysql is ignored entirely.
[mysqld]
datadir=$d/data
tmpdir=$d/tmp
socket=$d/run/mariadb.sock
pid-file=$d/run/mariadbd.pid
port=$MARIADB_PORT
bind-address=127.0.0.1
skip-name-resolve
# binlog for CDC
server_id=1
log_bin=$d/binlog/mariadb-bin
binlog_format=ROW
binlog_row_image=FULL
binlog_row_metadata=FULL
expire_logs_days=3
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
# keep the footprint small: tests run beside it
innodb_buffer_pool_size=128M
max_connections=200
performance_schema=OFF
# TLS offered to clients that ask for it; plain connections stay allowed
# (no require_secure_transport)
ssl-ca=$t/ca.pem
ssl-cert=$t/server-cert.pem
ssl-key=$t/server-key.pem

[client]
socket=$d/run/mariadb.sock
port=$MARIADB_PORT
EOF
}

mariadb_start() {
    local d="$STACK_DIR/mariadb" user=()
    mkdir -p "$d/data" "$d/tmp" "$d/run" "$d/binlog" "$d/log"
    mariadb_tls_generate
    mariadb_write_config
    is_root && user=(--user=root)    # mariadbd refuses to run as root without it
    if [[ ! -d $d/data/mysql ]]; then
        log "mariadb: initialising datadir"
        # --defaults-file must come first; 'normal' = root@localhost with an
        # (initially empty) password instead of unix_socket-only.
        mariadb-install-db --defaults-file="$d/my.cnf" "${user[@]}" \
            --auth-root-authentication-method=normal --skip-test-db \
            >>"$(log_file mariadb)" 2>&1 || { show_log_tail mariadb; die "mariadb: mariadb-install-db failed"; }
        rm -f "$d/.users-done"
    fi
    check_ports_free mariadb "$MARIADB_PORT"
    echo "$MARIADB_PORT" >"$d/ports"
    local bin=mariadbd
    have mariadbd || bin=/usr/sbin/mariadbd
    launch mariadb "$bin" --defaults-file="$d/my.cnf" "${user[@]}"
}

# mariadb_sql SQL [CLIENT-ARGS...]: run SQL as root over the stack's socket
# (with no password before the first-start setup, with root/root after it).
mariadb_sql() {
    local d="$STACK_DIR/mariadb" sql=$1; shift
    mariadb --defaults-file="$d/my.cnf" -uroot "$@" -e "$sql" 2>/dev/null ||
        mariadb --defaults-file="$d/my.cnf" -uroot -proot "$@" -e "$sql"
}

mariadb_ready() {
    local port
    port=$(svc_ports mariadb)
    mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot -proot -e 'select 1'
}

mariadb_wait() {
    local d="$STACK_DIR/mariadb"
    wait_for mariadb "answer on its socket" mariadb-admin --defaults-file="$d/my.cnf" --connect-timeout=2 ping || return 1
    if [[ ! -f $d/.users-done ]]; then
        # First start: root/root from anywhere (the server only listens on
        # 127.0.0.1). mariadb-install-db also made passwordless root@127.0.0.1,
        # root@::1 and root@<hostname>; those would win over root@'%' for TCP
        # logins, so every root account gets the password (but root@<hostname>,
        # which skip-name-resolve makes the server ignore and refuse to alter).
        log "mariadb: setting root password"
        local hosts h sql=""
        hosts=$(mariadb_sql "SELECT host FROM mysql.user WHERE user='root'" -N 2>>"$(log_file mariadb)") ||
            { show_log_tail mariadb; FAILED+=(mariadb); return 1; }
        for h in $hosts '%'; do
            [[ $h =~ ^(localhost|%|[0-9.]+|[0-9a-fA-F:]+)$ ]] || continue
            sql+="CREATE USER IF NOT EXISTS 'root'@'$h' IDENTIFIED BY 'root';
                  ALTER USER 'root'@'$h' IDENTIFIED BY 'root';
                  GRANT ALL PRIVILEGES ON *.* TO 'root'@'$h' WITH GRANT OPTION;"
        done
        mariadb_sql "DROP USER IF EXISTS ''@'localhost'; DROP USER IF EXISTS ''@'$(hostname)';
                     $sql FLUSH PRIVILEGES;" >>"$(log_file mariadb)" 2>&1 ||
            { show_log_tail mariadb; FAILED+=(mariadb); return 1; }
        touch "$d/.users-done"
    fi
    wait_for mariadb "TCP login root/root on 127.0.0.1:$(svc_ports mariadb)" mariadb_ready
}

# ----------------------------------------------------------------------------
# postgres

# initdb and postgres refuse to run as root: as root, run them as the
# `postgres` system user (created by Debian's postgresql-common).
PG_USER=postgres
pg_as() {
    if is_root; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

postgres_start() {
    local d="$STACK_DIR/postgres" bin
    bin=$(pg_bin) || die "postgres: no /usr/lib/postgresql/*/bin/initdb (set PG_BIN)"
    mkdir -p "$d/data" "$d/run" "$d/log"
    if is_root; then
        id "$PG_USER" >/dev/null 2>&1 || die "postgres: system user '$PG_USER' missing (it comes with the postgresql package)"
        chown "$PG_USER:" "$d" "$d/data" "$d/run"
        pg_as test -x "$d/run" ||
            die "postgres: user '$PG_USER' cannot reach $d (a parent folder is not world-searchable; set STACK_DIR elsewhere)"
    fi
    chmod 700 "$d/data"
    if [[ ! -f $d/data/PG_VERSION ]]; then
        log "postgres: initdb"
        local pw="$d/run/.pwfile"
        echo postgres >"$pw"; chmod 600 "$pw"; is_root && chown "$PG_USER:" "$pw"
        pg_as "$bin/initdb" -D "$d/data" -U postgres --pwfile="$pw" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >>"$(log_file postgres)" 2>&1 ||
            { rm -f "$pw"; show_log_tail postgres; die "postgres: initdb failed"; }
        rm -f "$pw"
        # Our settings live in a file of their own, pulled in once by include.
        echo "include = 'postgresql.stack.conf'" | pg_as tee -a "$d/data/postgresql.conf" >/dev/null
    fi
    # Regenerated on every start (ports may change); read by the include above.
    pg_as tee "$d/data/postgresql.stack.conf" >/dev/null <<EOF
# generated by compose/local/stack.sh on every start; edit the script, not this
listen_addresses = '127.0.0.1'
port = $POSTGRES_PORT
unix_socket_directories = '$d/run'
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
shared_buffers = 128MB
max_connections = 200
logging_collector = off
EOF
    check_ports_free postgres "$POSTGRES_PORT"
    echo "$POSTGRES_PORT" >"$d/ports"
    # setpriv, not runuser: runuser stays around as the parent, setpriv execs,
    # so the pid recorded is the postmaster's own.
    if is_root; then
        launch postgres setpriv --reuid="$PG_USER" --regid="$PG_USER" --init-groups -- \
            "$bin/postgres" -D "$d/data"
    else
        launch postgres "$bin/postgres" -D "$d/data"
    fi
}

postgres_ready() {
    local port
    port=$(svc_ports postgres)
    pg_isready -q -h 127.0.0.1 -p "$port" &&
        PGPASSWORD=postgres PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc 'select 1'
}

postgres_wait() { wait_for postgres "login postgres/postgres on 127.0.0.1:$(svc_ports postgres)" postgres_ready; }

# ----------------------------------------------------------------------------
# clickhouse

clickhouse_write_config() {
    local d="$STACK_DIR/clickhouse"
    # No interserver_http_port: that server (replication) is simply not started.
    cat >"$d/config.xml" <<EOF
<?xml version="1.0"?>
<!-- generated by compose/local/stack.sh on every start; edit the script, not this -->
<yandex>
    <logger>
        <level>information</level>
        <log>$d/log/clickhouse-server.log</log>
        <errorlog>$d/log/clickhouse-server.err.log</errorlog>
        <size>50M</size>
        <count>3</count>
    </logger>
    <http_port>$CLICKHOUSE_PORT</http_port>
    <tcp_port>$CLICKHOUSE_TCP_PORT</tcp_port>
    <listen_host>127.0.0.1</listen_host>
    <max_connections>1024</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <path>$d/data/</path>
    <tmp_path>$d/tmp/</tmp_path>
    <user_files_path>$d/user_files/</user_files_path>
    <format_schema_path>$d/format_schemas/</format_schema_path>
    <users_config>$d/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
</yandex>
EOF
    cat >"$d/users.xml" <<EOF
<?xml version="1.0"?>
<!-- generated by compose/local/stack.sh on every start -->
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>::/0</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
EOF
}

clickhouse_start() {
    local d="$STACK_DIR/clickhouse"
    mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/format_schemas" "$d/log"
    clickhouse_write_config
    check_ports_free clickhouse "$CLICKHOUSE_PORT" "$CLICKHOUSE_TCP_PORT"
    echo "$CLICKHOUSE_PORT $CLICKHOUSE_TCP_PORT" >"$d/ports"
    local bin=clickhouse-server
    have clickhouse-server || bin=/usr/sbin/clickhouse-server
    # Runs as whoever runs this script (root here), owning its data dir.
    launch clickhouse "$bin" --config-file="$d/config.xml"
}

clickhouse_ready() {
    local port
    port=$(svc_ports clickhouse | cut -d' ' -f1)
    [[ $(curl -fsS -m 3 "http://127.0.0.1:$port/?query=SELECT%201") == 1 ]]
}

clickhouse_wait() { wait_for clickhouse "HTTP answer on 127.0.0.1:$(svc_ports clickhouse | cut -d' ' -f1)" clickhouse_ready; }

# ----------------------------------------------------------------------------
# stopping

# The signal that asks for a quick clean shutdown.
stop_signal() {
    case $1 in
        postgres) echo INT ;;    # "fast" shutdown; TERM would wait for clients
        *)        echo TERM ;;
    esac
}

stop_service() {
    local svc=$1 pid sig deadline
    if ! pid=$(running_pid "$svc"); then
        rm -f "$(pid_file "$svc")"
        log "$svc: not running"
        return 0
    fi
    sig=$(stop_signal "$svc")
    log "$svc: stopping (pid $pid, SIG$sig)"
    kill -s "$sig" "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while running_pid "$svc" >/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
    if running_pid "$svc" >/dev/null; then
        warn "$svc: still running after ${STOP_TIMEOUT}s, sending SIGKILL"
        kill -s KILL "$pid" 2>/dev/null || true
    fi
    # launch() made the server the leader of a process group of its own, so
    # whatever is left in that group (e.g. postgres backends after a KILL) was
    # started by us too. Give it a moment, then kill the group.
    for _ in $(seq 20); do pgrep -g "$pid" >/dev/null || break; sleep 0.5; done
    if pgrep -g "$pid" >/dev/null; then
        warn "$svc: killing leftover processes of group $pid"
        kill -s KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$(pid_file "$svc")"
}

# ----------------------------------------------------------------------------
# commands

print_status_line() {
    local svc=$1 pid state ports p1 p2 detail
    if pid=$(running_pid "$svc"); then state="running (pid $pid)"; else state=stopped; fi
    ports=$(svc_ports "$svc"); p1=${ports%% *}; p2=${ports##* }
    case $svc in
        kafka)      detail="bootstrap 127.0.0.1:$p1, controller 127.0.0.1:$p2" ;;
        mariadb)    detail="127.0.0.1:$p1  root/root"
                    if grep -q '^ssl-ca=' "$STACK_DIR/mariadb/my.cnf" 2>/dev/null; then
                        detail+="  TLS CA $(tls_dir)/ca.pem"
                    fi ;;
        postgres)   detail="127.0.0.1:$p1  postgres/postgres  socket $STACK_DIR/postgres/run" ;;
        clickhouse) detail="http 127.0.0.1:$p1, native tcp 127.0.0.1:$p2  user default, no password" ;;
    esac
    printf '%-11s %-22s %s\n' "$svc" "$state" "$detail"
}

# One line per service, starting with its name and `running`/`stopped`, so
# callers can `grep -Eq "^kafka[[:space:]]+running"`. Always exits 0. The
# output is built first and written at once: a reader that quits at the first
# match (grep -q) must not hit us with SIGPIPE halfway through.
cmd_status() {
    local svc out
    out="state folder: $STACK_DIR"$'\n'
    for svc in $SERVICES; do
        out+=$(print_status_line "$svc")$'\n'
    done
    printf '%s' "$out"
}

cmd_up() {
    local svc pid started=()
    local t0=$SECONDS
    ensure_packages
    mkdir -p "$STACK_DIR"
    chmod 755 "$STACK_DIR"       # the postgres user must be able to traverse it
    touch "$STACK_DIR/$STAMP_FILE"

    # Start everything first, then wait: the services boot in parallel.
    for svc in $SERVICES; do
        if pid=$(running_pid "$svc"); then
            log "$svc: already running (pid $pid)"
        else
            "${svc}_start"
            started+=("$svc")
        fi
    done
    for svc in $SERVICES; do
        "${svc}_wait" && log "$svc: ready"
    done

    echo
    if [[ " ${SERVICES} " == *" kafka "* ]]; then echo "kafka version: $(kafka_version)"; fi
    cmd_status
    if (( ${#FAILED[@]} )); then
        die "not ready: ${FAILED[*]} (logs under $STACK_DIR/<service>/log)"
    fi
    log "up: ${#started[@]} started (${started[*]:-none}), all ready in $((SECONDS - t0))s"
}

cmd_down() {
    local purge="" svc
    case ${1:-} in
        "") ;;
        --purge) purge=1 ;;
        *) die "down: unknown option '$1' (only --purge)" ;;
    esac
    local rev=()
    for svc in $SERVICES; do rev=("$svc" "${rev[@]}"); done
    for svc in "${rev[@]}"; do stop_service "$svc"; done

    [[ -n $purge ]] || return 0
    [[ -d $STACK_DIR ]] || { log "nothing to purge: $STACK_DIR does not exist"; return 0; }
    [[ -f $STACK_DIR/$STAMP_FILE ]] ||
        die "refusing to purge $STACK_DIR: it lacks $STAMP_FILE, so it is not a stack folder"
    if [[ $(sorted_words "$SERVICES") == "$(sorted_words "$ALL_SERVICES")" ]]; then
        log "purging $STACK_DIR"
        rm -rf -- "$STACK_DIR"
    else
        for svc in $SERVICES; do
            log "purging $STACK_DIR/$svc"
            rm -rf -- "${STACK_DIR:?}/$svc"
        done
    fi
}

usage() {
    cat >&2 <<EOF
usage: $0 up | down [--purge] | status

  up       install missing Debian packages, start the services that are not
           running, wait until each answers, print ports
  down     stop the services this stack started (--purge: also delete their data)
  status   print each service's state and ports

env: SERVICES="$ALL_SERVICES"  STACK_DIR=$STACK_DIR
     KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_VERSION MARIADB_PORT POSTGRES_PORT
     CLICKHOUSE_PORT CLICKHOUSE_TCP_PORT STARTUP_TIMEOUT STOP_TIMEOUT
EOF
    exit 2
}

main() {
    local svc
    for svc in $SERVICES; do
        [[ " $ALL_SERVICES " == *" $svc "* ]] || die "unknown service '$svc' in SERVICES (known: $ALL_SERVICES)"
    done
    case ${1:-} in
        up)     shift; [[ $# -eq 0 ]] || usage; cmd_up ;;
        down)   shift; [[ $# -le 1 ]] || usage; cmd_down "$@" ;;
        status) shift; [[ $# -eq 0 ]] || usage; cmd_status ;;
        *)      usage ;;
    esac
}

main "$@"
