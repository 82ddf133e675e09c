#!/usr/bin/env python3
"""Sidedesk benchmark: the packaged jar against a fresh database on this machine's PostgreSQL, load from wrk
over loopback, and a pgbench baseline replaying the SQL the service issued. See bench/README.md.

Phases, in one run:
  1. a fresh database owned by a fresh non-superuser role, with log_statement = 'all' on it;
  2. service start #1 (Flyway migrates the empty database): time to healthy;
  3. seed (bench/seed.sql) and turn child tickets on (API); with --features, configure triggers, an SLA policy, a
     webhook (to a receiver of the bench's own on loopback) and routing through the API;
  4. capture: every workload request, once per target, one at a time between marker statements;
  5. service stopped, statement logging turned off, pgbench scripts written from the capture;
  6. service start #2 on the migrated database: time to healthy (the target), RSS sampled from now on;
  7. W1-W3: wrk (warm-up, then one connection until the JIT settles, twice; then measured, with the java process's
     and the machine's CPU), then pgbench on the same targets at the same concurrency; the java CPU budget at each
     target;
  8. the stack's floor: wrk on a request that does nothing (GET /actuator/health/liveness, no credentials);
  9. W4: latency of W1 and W3 by history size, one connection, a fixed number of requests;
 10. the stack alone (bench/floor/StackAlone.java, unless --no-stack-alone): the same class path, properties and JVM
     options with none of the service's beans: its start, RSS after start and peak under the floor's requests;
 11. table on stdout, JSON in bench/results/.
"""

import argparse
import base64
import http.client
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the work tree
sys.path.insert(0, HERE)
import replay  # noqa: E402

PG = dict(host="127.0.0.1", port="5432", superuser="postgres")
TOKEN = "bench-token-0123456789abcdef0123456789"
MAIN_CLASS = "io.sidedesk.SidedeskApplication"
STACK_ALONE_CLASS = "stackalone.StackAlone"  # bench/floor/StackAlone.java
REPOSITORIES_MADE = "Made all the repositories"  # RepositoryInitialization, once the service is ready
ADMIN = "admin@bench.example"


def server_log():
    """The shared server's log file (Debian's pg_ctlcluster sends stderr there), or BENCH_PG_LOG."""
    prefix = psql("show log_line_prefix")
    if not prefix.startswith("%m [%p] %q%u@%d"):
        raise RuntimeError(f"the statement capture reads log lines prefixed '%m [%p] %q%u@%d ' (Debian's default); "
                           f"this server's log_line_prefix is {prefix!r}")
    if os.environ.get("BENCH_PG_LOG"):
        return os.environ["BENCH_PG_LOG"]
    major = int(psql("show server_version_num")) // 10000
    return f"/var/log/postgresql/postgresql-{major}-main.log"

MODES = {
    "short": dict(groups=100, agents=300, customers=500, pool_parents=300, p10_parents=40, plain_parents=2000,
                  heavy_children=3, write_targets=48, read_targets=40, warmup=2, duration=4, pg_duration=4,
                  rounds=2, w4_requests=100, settles=2, settle_max=60),
    "full": dict(groups=300, agents=1000, customers=3000, pool_parents=2000, p10_parents=200, plain_parents=10000,
                 heavy_children=20, write_targets=120, read_targets=100, warmup=5, duration=10, pg_duration=20,
                 rounds=2, w4_requests=500, settles=2, settle_max=60),
}

W4_SIZES = (1, 10, 100, 500)  # side conversations on W4's parents
W4_FULL_PAGE = 100  # the list's default page (Paging's): the first page is full from the parent with 100 on

# Targets (issue 26): the service's java CPU per 2xx request at most this many times the floor's, which replays the
# same statements through plain JDBC in the same JVM (bench/floor/FloorController.java).
TARGETS = {"W1": 2.5, "W2": 2.5, "W3-list": 1.3, "W3-show": 1.3, "W5-view": None, "W5-search": None}

# The mixed load: 70% reads, 30% writes, each half and half, in a fixed interleaving of 20 requests.
def _mix():
    writes, reads, out = ("W1", "W2"), ("W3-list", "W3-show"), []
    for i in range(20):
        if i % 10 in (2, 5, 8):
            out.append(writes[sum(out.count(w) for w in writes) % 2])
        else:
            out.append(reads[sum(out.count(r) for r in reads) % 2])
    return out


MIX = _mix()
MIX_P99_MS = 100

# W5: one team's queue of 10,000 tickets (seed.sql), through a view of its unassigned tickets and a full-text search.
W5_AGENT = "w5agent@bench.example"
W5_SEARCH = "/api/v2/search?query=invoice%20status%3Csolved"


def machine_busy_seconds():
    """CPU time the whole machine spent busy so far (all CPUs, every process and the kernel; idle and iowait left out)."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def psql(sql, db="postgres", user=None, args=(), check=True):
    cmd = ["psql", "-h", PG["host"], "-p", PG["port"], "-U", user or PG["superuser"], "-d", db, "-X", "-q", "-A",
           "-t", "-v", "ON_ERROR_STOP=1", *args]
    if sql is not None:
        cmd += ["-c", sql]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if check and out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()}")
    return out.stdout.strip()


def rows(sql, db):
    text = psql(sql, db=db, args=("-F", "\t"))
    return [line.split("\t") for line in text.splitlines() if line]


def auth(email):
    return "Basic " + base64.b64encode(f"{email}/token:{TOKEN}".encode()).decode()


def api(base, method, path, email=ADMIN, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": auth(email), "Content-Type": "application/json",
                                          "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class Service:
    """The packaged jar as a child process, with its start-up time and memory."""

    def __init__(self, jar, port, db, role, password, heap, workdir, name, options=(), rate_limits=False,
                 floor=None, webhook_hosts=None, main=MAIN_CLASS, extra_options=True):
        self.jar, self.port, self.heap, self.name, self.options = jar, port, heap, name, list(options)
        # The floor (bench/floor/FloorController.java) beside the service: its jar on the class path, its plans; and
        # the main class, another only with it (the stack alone).
        assert floor is not None or main == MAIN_CLASS
        self.launch = ["-jar", jar] if floor is None else ["-cp", f"{jar}:{floor[0]}", main]
        self.extra_options = extra_options  # BENCH_JAVA_OPTS (a profile, say) on this JVM
        self.base = f"http://127.0.0.1:{port}"
        self.env = dict(os.environ,
                        SPRING_DATASOURCE_URL=f"jdbc:postgresql://{PG['host']}:{PG['port']}/{db}",
                        SPRING_DATASOURCE_USERNAME=role, SPRING_DATASOURCE_PASSWORD=password,
                        SIDEDESK_ADMIN_EMAIL=ADMIN, SIDEDESK_ADMIN_TOKEN=TOKEN, PORT=str(port),
                        SIDEDESK_RATE_LIMITS_ENABLED="false", SERVER_FORWARD_HEADERS_STRATEGY="none")
        if rate_limits:
            # The limiter on, with budgets no workload reaches: its cost is measured, not its refusals.
            self.env.update(SIDEDESK_RATE_LIMITS_ENABLED="true", SIDEDESK_RATE_LIMIT_PER_MINUTE="1000000000",
                            SIDEDESK_RATELIMITS_TICKETUPDATES="1000000000")
        if webhook_hosts:
            # --features: the SSRF guard lets webhooks reach the bench's own receiver on loopback, and only that.
            self.env["SIDEDESK_WEBHOOKS_ALLOWED_HOSTS"] = webhook_hosts
        if floor is not None:
            self.env["SIDEDESK_FLOOR_PLANS"] = floor[1]
        self.logfile = os.path.join(workdir, f"service-{name}.log")
        self.proc = None
        self.samples = []  # (time, VmRSS, VmHWM, phase)
        self.phase = "start"  # what the bench is doing, named in each memory sample
        self._sampling = False

    def start(self, timeout=180):
        out = open(self.logfile, "w")
        t0 = time.monotonic()
        extra = os.environ.get("BENCH_JAVA_OPTS", "").split() if self.extra_options else []  # a JFR recording, say
        self.proc = subprocess.Popen(["java", f"-Xmx{self.heap}", *self.options, *extra, *self.launch], env=self.env, stdout=out,
                                     stderr=subprocess.STDOUT, cwd=os.path.dirname(self.logfile))
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"service exited with {self.proc.returncode}; see {self.logfile}")
            try:
                with urllib.request.urlopen(self.base + "/actuator/health", timeout=2) as r:
                    if r.status == 200 and b'"UP"' in r.read():
                        return time.monotonic() - t0
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"service not healthy after {timeout}s; see {self.logfile}")

    def train_cds(self, archive, ready_line=None, timeout=180):
        """A training run for class data sharing: start the service until it is healthy (and, for the service, until
        it logs `ready_line`: its repositories, made on first use, made once it is ready), then stop it; the JVM
        writes the classes it loaded to a dynamic CDS archive (JDK 17: -XX:ArchiveClassesAtExit) as it exits, as a
        deployment would when it builds its image. No request is served: the request paths' classes are loaded from
        the jars."""
        self.options, extra = [*self.options, f"-XX:ArchiveClassesAtExit={archive}"], self.extra_options
        self.extra_options = False  # BENCH_JAVA_OPTS is the measured run's
        try:
            self.start(timeout)
            t0 = time.monotonic()
            while ready_line is not None:
                with open(self.logfile, errors="replace") as f:
                    text = f.read()
                if ready_line in text:
                    break
                if "could not be made" in text:
                    raise RuntimeError(f"a repository could not be made; see {self.logfile}")
                if time.monotonic() - t0 > timeout:
                    raise RuntimeError(f"no '{ready_line}' in {self.logfile} after {timeout} s")
                time.sleep(0.1)
        finally:
            self.stop(timeout)  # the JVM writes the archive as it exits: on a slow machine that takes a while
            self.options, self.extra_options = self.options[:-1], extra
        if self.proc.returncode not in (0, 143) or not os.path.exists(archive):  # 143: SIGTERM, as asked
            raise RuntimeError(f"no CDS archive written (exit {self.proc.returncode}); see {self.logfile}")

    def cpu_seconds(self):
        """User + system CPU time of the java process so far (all its threads)."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def jit_threads(self):
        """{thread id: user + system CPU seconds so far} of the JIT's compiler threads (C1, C2): part of
        cpu_seconds, reported beside it, so that a round the JIT still compiles in shows as such."""
        found = {}
        for task in os.listdir(f"/proc/{self.proc.pid}/task"):
            try:
                with open(f"/proc/{self.proc.pid}/task/{task}/stat") as f:
                    head, fields = f.read().rsplit(")", 1)
            except OSError:
                continue  # the thread ended
            if "CompilerThre" in head:
                fields = fields.split()
                found[task] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return found

    def memory(self):
        """(VmRSS, VmHWM) in MB of the java process."""
        values = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    values[line.split(":")[0]] = int(line.split()[1]) / 1024
        return values.get("VmRSS", 0), values.get("VmHWM", 0)

    def sample_memory(self):
        self._sampling = True
        self.samples.append((time.time(), *self.memory(), self.phase))  # the start's, before any phase is set

        def loop():
            while self._sampling and self.proc.poll() is None:
                try:
                    self.samples.append((time.time(), *self.memory(), self.phase))
                except OSError:
                    break
                time.sleep(0.25)
        threading.Thread(target=loop, daemon=True).start()

    def stop(self, timeout=30):
        self._sampling = False
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Markers:
    """A psql session that logs `select 'bench-mark <label>'` and waits until it has run."""

    def __init__(self, db):
        self.proc = subprocess.Popen(["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["superuser"], "-d", db,
                                      "-X", "-q", "-A", "-t"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def mark(self, label):
        self.proc.stdin.write(f"select 'bench-mark {label}';\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line.strip() == f"bench-mark {label}", line

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


# ---------------------------------------------------------------------------------------------- --features

class Receiver:
    """--features: the webhook's endpoint, an HTTP server on loopback in this process that reads each request, answers
    200 with an empty body (keep-alive) and keeps only counts."""

    def __init__(self):
        self.deliveries = self.retries = 0
        lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        self.rfile.read(size + 2)
                        if size == 0:
                            break
                else:
                    self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    receiver.deliveries += 1
                    if self.headers.get("X-Sidedesk-Attempt", "1") != "1":
                        receiver.retries += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_PUT = do_PATCH = do_DELETE = do_GET = answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sidedesk-events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# Triggers a helpdesk adds to Zendesk's standard ones (which the migrations create), each evaluated on W1's and W2's
# writes (the parent's and the child's): one that fires on every public update (its tag is a no-op once there), one on
# priority and status (fires once per child ticket, which is created without a priority), one that emails the child
# ticket's group, one on side conversation activity (the parent's assignee hears of replies by others: W2), and one
# that never matches (no bench ticket or comment mentions a chargeback) but is evaluated on every write.
FEATURE_TRIGGERS = [
    {"title": "Tag public replies",
     "description": "Adds public_reply to a ticket updated with a public comment.",
     "conditions": {"all": [{"field": "update_type", "operator": "is", "value": "Change"},
                            {"field": "comment_is_public", "operator": "is", "value": "true"}], "any": []},
     "actions": [{"field": "current_tags", "value": "public_reply"}]},
    {"title": "Set updated tickets without a priority to normal",
     "description": "Gives an unsolved ticket without a priority the priority normal when it is updated.",
     "conditions": {"all": [{"field": "update_type", "operator": "is", "value": "Change"},
                            {"field": "priority", "operator": "is", "value": ""},
                            {"field": "status", "operator": "less_than", "value": "solved"}], "any": []},
     "actions": [{"field": "priority", "value": "normal"}]},
    {"title": "Notify group of public updates on child tickets",
     "description": "Emails the agents of a child ticket's group when it gets a public comment.",
     "conditions": {"all": [{"field": "update_type", "operator": "is", "value": "Change"},
                            {"field": "via_id", "operator": "is", "value": 100},
                            {"field": "comment_is_public", "operator": "is", "value": "true"},
                            {"field": "group_id", "operator": "is_not", "value": ""}], "any": []},
     "actions": [{"field": "notification_group", "value": [
         "group_id", "[{{ticket.account}}] Child ticket updated: {{ticket.title}}",
         "Ticket #{{ticket.id}} of group {{ticket.group.name}} has a new public comment.\n\n"
         "{{ticket.latest_comment}}"]}]},
    {"title": "Notify assignee of side conversation replies",
     "description": "Emails the assignee when someone else replies in a side conversation of their ticket.",
     "conditions": {"all": [{"field": "side_conversation", "operator": "is", "value": "replied"},
                            {"field": "assignee_id", "operator": "is_not", "value": "current_user"}], "any": []},
     "actions": [{"field": "notification_user", "value": [
         "assignee_id", "[{{ticket.account}}] Side conversation reply: {{ticket.title}}",
         "A side conversation of ticket #{{ticket.id}} has a new reply.\n\n{{ticket.latest_comment}}"]}]},
    {"title": "Escalate chargeback requests",
     "description": "Makes unsolved tickets that mention a chargeback urgent and tags them.",
     "conditions": {"all": [{"field": "status", "operator": "less_than", "value": "solved"}],
                    "any": [{"field": "comment_includes_word", "operator": "includes", "value": "chargeback dispute"},
                            {"field": "subject_includes_word", "operator": "includes", "value": "chargeback"}]},
     "actions": [{"field": "priority", "value": "urgent"},
                 {"field": "current_tags", "value": "chargeback escalated"}]},
]

# One SLA policy every unsolved ticket matches: first reply, next reply and requester wait time for each priority, in
# calendar hours (targets in minutes).
FEATURE_SLA_TARGETS = {"first_reply_time": {"urgent": 60, "high": 240, "normal": 480, "low": 1440},
                       "next_reply_time": {"urgent": 120, "high": 480, "normal": 960, "low": 2880},
                       "requester_wait_time": {"urgent": 480, "high": 1440, "normal": 2880, "low": 5760}}

# The ticket events W1's and W2's writes make (comments, side conversation replies; tags and priority on a child's
# first update) and the others a warehouse feed would take.
FEATURE_WEBHOOK_EVENTS = ["ticket.created", "ticket.comment_added", "ticket.status_changed", "ticket.priority_changed",
                          "ticket.tags_changed", "ticket.agent_assignment_changed", "ticket.group_assignment_changed",
                          "side_conversation.created", "side_conversation.replied", "side_conversation.closed",
                          "side_conversation.reopened"]


def configure(base, method, path, body, what):
    """One configuration request as the bench's admin: its JSON answer, or the run stops with the response."""
    status, answer = api(base, method, path, body=body)
    if not 200 <= status < 300:
        raise RuntimeError(f"--features: {what}: {method} {path} answered {status}: "
                           f"{answer.decode('utf-8', errors='replace')[:2000]}")
    return json.loads(answer) if answer else {}


def configure_features(base, receiver):
    """--features: every feature of the write path on, as a user would have it, through the API."""
    triggers = []
    for t in FEATURE_TRIGGERS:
        made = configure(base, "POST", "/api/v2/triggers", {"trigger": dict(t, active=True)},
                         f"trigger {t['title']!r}")["trigger"]
        triggers.append({"id": made["id"], "title": made["title"], "position": made.get("position")})
    active = configure(base, "GET", "/api/v2/triggers/active?per_page=100", None, "active triggers")["triggers"]
    policy = configure(base, "POST", "/api/v2/slas/policies", {"sla_policy": {
        "title": "Standard support",
        "description": "Unsolved tickets: first reply, next reply and requester wait time by priority.",
        "filter": {"all": [{"field": "status", "operator": "less_than", "value": "solved"}], "any": []},
        "policy_metrics": [{"priority": priority, "metric": metric, "target": minutes, "business_hours": False}
                           for metric, targets in FEATURE_SLA_TARGETS.items()
                           for priority, minutes in targets.items()]}}, "SLA policy")["sla_policy"]
    webhook = configure(base, "POST", "/api/v2/webhooks", {"webhook": {
        "name": "Ticket events to the warehouse",
        "description": "The bench's receiver on loopback: answers 200 and keeps a count.",
        "status": "active", "endpoint": receiver.url, "http_method": "POST", "request_format": "json",
        "subscriptions": ["zen:event-type:" + e for e in FEATURE_WEBHOOK_EVENTS],
        "authentication": {"type": "bearer_token", "data": {"token": "bench-receiver-token"},
                           "add_position": "header"}}}, "webhook")["webhook"]
    routing = configure(base, "PUT", "/api/v2/account/settings", {"settings": {"routing": {"enabled": True}}},
                        "routing")["settings"]["routing"]
    if not routing.get("enabled"):
        raise RuntimeError(f"--features: routing still off after the change: {routing}")
    return {"triggers_added": triggers, "active_triggers": len(active),
            "active_trigger_titles": [t["title"] for t in active],
            "sla_policy": {"id": policy["id"], "title": policy["title"], "filter": policy.get("filter"),
                           "policy_metrics": len(policy.get("policy_metrics") or [])},
            "webhook": {"id": webhook["id"], "name": webhook["name"], "endpoint": webhook["endpoint"],
                        "status": webhook.get("status"), "subscriptions": webhook.get("subscriptions")},
            "routing": routing}


def features_line(f):
    """The one-line summary of what --features configured (and, at the end, what the receiver got)."""
    line = (f"{len(f['triggers_added'])} triggers added ({f['active_triggers']} active in all: "
            f"{', '.join(t['title'] for t in f['triggers_added'])}); SLA policy {f['sla_policy']['title']!r} "
            f"({f['sla_policy']['policy_metrics']} targets); webhook {f['webhook']['id']} to "
            f"{f['webhook']['endpoint']} ({len(f['webhook']['subscriptions'] or [])} event types); routing on "
            f"({f['routing'].get('assignment_method')})")
    if "webhook_deliveries" in f:
        line += f"; webhook deliveries received: {f['webhook_deliveries']} ({f['webhook_retries']} retries)"
    return line


# ---------------------------------------------------------------------------------------------- targets

def load_plan(db, cfg):
    """Targets of every workload, from the seeded plan."""
    def q(sql):
        return rows(sql, db)

    sc_sql = """
        select p.role, s.ticket_id, s.id, s.child_ticket_id, c.group_id, pa.email, coalesce(ca.email, pa.email)
        from bench_plan p
        join side_conversations s on s.ticket_id = p.ticket
        join tickets t on t.id = s.ticket_id
        join users pa on pa.id = t.assignee_id
        join tickets c on c.id = s.child_ticket_id
        left join users ca on ca.id = c.assignee_id
        where p.role in ({roles})
        order by p.n, s.seq"""
    fields = ("role", "parent", "sc", "child", "group", "parent_agent", "child_agent")
    convs = [dict(zip(fields, r)) for r in q(sc_sql.format(roles="'pool'"))]
    by_parent = {}
    for c in convs:
        by_parent.setdefault(c["parent"], c)  # one side conversation per parent: spread over many parents
    pool = list(by_parent.values())
    step = max(1, len(pool) // cfg["write_targets"])
    writes = pool[::step][:cfg["write_targets"]]
    p10 = [dict(zip(fields, r)) for r in q(sc_sql.format(roles="'p10'"))]
    read_parents = []
    for c in p10:
        if c["parent"] not in [p["parent"] for p in read_parents]:
            read_parents.append(c)
    reads = read_parents[:cfg["read_targets"]]
    w4 = {}
    for r in q(sc_sql.format(roles="'w4_parent_1','w4_parent_10','w4_parent_100','w4_parent_500',"
                                    "'w4_child_10','w4_child_4000'")):
        c = dict(zip(fields, r))
        w4.setdefault(c["role"], []).append(c)
    return {"writes": writes, "reads": reads, "w4": w4}


def w1(c, n=0):
    return ("POST", f"/api/v2/tickets/{c['parent']}/side_conversations/{c['sc']}/reply", auth(c["parent_agent"]),
            json.dumps({"message": {"body": f"Any news on this? The customer asked again ({n}).",
                                    "to": [{"support_group_id": int(c["group"])}]}}))


def w2(c, n=0):
    return ("PUT", f"/api/v2/tickets/{c['child']}", auth(c["child_agent"]),
            json.dumps({"ticket": {"comment": {"body": f"We checked it on our side: all good now ({n}).",
                                               "public": True}}}))


def w3_list(c, n=0, query=""):
    return ("GET", f"/api/v2/tickets/{c['parent']}/side_conversations{query}", auth(c["parent_agent"]), "")


def w3_show(c, n=0):
    return ("GET", f"/api/v2/tickets/{c['parent']}", auth(c["parent_agent"]), "")


def w3_child(c, n=0):
    return ("GET", f"/api/v2/tickets/{c['child']}", auth(c["parent_agent"]), "")


def w5_view(view_id, n=0):
    return ("GET", f"/api/v2/views/{view_id}/tickets", auth(W5_AGENT), "")


def w5_search(view_id, n=0):
    return ("GET", W5_SEARCH, auth(W5_AGENT), "")


def write_targets(path, requests):
    with open(path, "w") as f:
        for method, p, a, body in requests:
            f.write(f"{method}\t{p}\t{a}\t{body}\n")


def raw(base, request, timeout=30):
    method, path, authorization, body = request
    req = urllib.request.Request(base + path, data=body.encode() if body else None, method=method,
                                 headers={"Authorization": authorization, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


# ---------------------------------------------------------------------------------------------- load

def run_wrk(base, targets, result, connections, duration, limit=None, threads=2):
    env = dict(os.environ, BENCH_TARGETS=targets, BENCH_RESULT=result)
    if limit:
        env["BENCH_LIMIT"] = str(limit)
    cmd = ["wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{duration}s",
           "--timeout", "10s", "-s", os.path.join(HERE, "wrk", "workload.lua"), base]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed: {out.stderr}")
    with open(result) as f:
        r = json.load(f)
    r["stderr"] = out.stderr.strip()[:600]
    seconds = r["duration_us"] / 1e6
    r["throughput_2xx"] = r["ok_2xx"] / seconds if seconds else 0
    return r


def measure(service, targets, result, connections, duration):
    """A measured wrk run, with the java process's CPU and the whole machine's per 2xx response."""
    cpu0, jit0, busy0 = service.cpu_seconds(), service.jit_threads(), machine_busy_seconds()
    r = run_wrk(service.base, targets, result, connections, duration)
    java, busy = service.cpu_seconds() - cpu0, machine_busy_seconds() - busy0
    # Per compiler thread, from 0 for one started in the round. One that ended in the round (the JVM retires idle
    # extra compiler threads on machines with more cores) loses its time in it: a lower bound there, exact on 2 cores.
    jit = jit_seconds(jit0, service.jit_threads())
    served = r["ok_2xx"]
    # The service's own CPU per request (JIT and GC included): it moves less with the machine's other load.
    r["java_s"], r["jit_s"], r["busy_s"] = java, jit, busy
    r["jit_cpu_ms_per_request"] = round(1000 * jit / served, 3) if served else None
    r["cpu_ms_per_request"] = round(1000 * java / served, 3) if served else None
    r["machine_cpu_ms_per_request"] = round(1000 * busy / served, 3) if served else None
    r["rest_cpu_ms_per_request"] = round(1000 * (busy - java) / served, 3) if served else None
    return r


def jit_seconds(before, after):
    """The compiler threads' CPU seconds between two readings of Service.jit_threads (a thread started in between
    counts from 0)."""
    return sum(cpu - before.get(tid, 0) for tid, cpu in after.items())


def rounds(results):
    """Alternating rounds of one side (service or floor) as one measurement: throughput and CPU per request over all
    of them, the median round's p50 and the largest p99."""
    seconds = sum(r["duration_us"] for r in results) / 1e6
    ok = sum(r["ok_2xx"] for r in results)
    java = sum(r["java_s"] for r in results)
    jit = sum(r["jit_s"] for r in results)
    busy = sum(r["busy_s"] for r in results)
    p50s = sorted(r["latency_us"]["p50"] for r in results)
    return {"throughput_2xx": ok / seconds if seconds else 0, "ok_2xx": ok,
            "non_2xx": sum(r["non_2xx"] for r in results),
            "latency_us": {"p50": p50s[len(p50s) // 2], "p99": max(r["latency_us"]["p99"] for r in results)},
            "cpu_ms_per_request": round(1000 * java / ok, 3) if ok else None,
            "jit_cpu_ms_per_request": round(1000 * jit / ok, 3) if ok else None,
            "machine_cpu_ms_per_request": round(1000 * busy / ok, 3) if ok else None,
            "rounds": results}


def compile_floor(app_jar, workdir):
    """bench/floor/ (the floor's controller and the stack alone) compiled against the extracted service, as a jar for
    its class path."""
    classes = os.path.join(workdir, "floor-classes")
    libs = os.path.join(os.path.dirname(app_jar), "lib", "*")
    subprocess.run(["javac", "-parameters", "-proc:none", "-nowarn", "-d", classes, "-cp", f"{app_jar}:{libs}",
                    *(os.path.join(HERE, "floor", f) for f in ("FloorController.java", "FloorInitializer.java",
                                                                "StackAlone.java"))], check=True)
    # FloorInitializer, named in the jar's META-INF/spring.factories, registers the controller where the service runs
    # with the beans Spring AOT fixed at build time.
    os.makedirs(os.path.join(classes, "META-INF"), exist_ok=True)
    shutil.copy(os.path.join(HERE, "floor", "spring.factories"), os.path.join(classes, "META-INF"))
    floor_jar = os.path.join(workdir, "floor.jar")
    subprocess.run(["jar", "cf", floor_jar, "-C", classes, "."], check=True)
    return floor_jar


def floor_request(request, name, k):
    """A service request as the floor's: the same method, credentials and body, to the k-th replay plan of `name`."""
    method, _, authorization, body = request
    return method, f"/api/v2/floor/{name}/{k}", authorization, body


def alternate(service, workdir, name, requests, floor_requests, connections, cfg):
    """The service's requests and the floor's, each warmed until the JIT settles, then measured in alternating
    rounds."""
    tfile = os.path.join(workdir, f"targets-{name}.tsv")
    ffile = os.path.join(workdir, f"targets-{name}-floor.tsv")
    write_targets(tfile, requests)
    write_targets(ffile, floor_requests)
    res = os.path.join(workdir, f"wrk-{name}.json")
    warm = []
    for _ in range(cfg["settles"] or 1):
        run_wrk(service.base, tfile, res, connections, cfg["warmup"])
        run_wrk(service.base, ffile, res, connections, cfg["warmup"])
        if cfg["settles"]:
            warm.append(settle(service, (tfile, ffile), res, cfg["settle_max"]))
    svc, flo = [], []
    for _ in range(cfg["rounds"]):
        svc.append(measure(service, tfile, res, connections, cfg["duration"]))
        flo.append(measure(service, ffile, res, connections, cfg["duration"]))
    svc, flo = rounds(svc), rounds(flo)
    svc["warm_up"] = flo["warm_up"] = warm
    return svc, flo


def settle(service, targets, result, limit):
    """Both sides' requests on one connection, a second each in turn, until the JIT's compiler threads are nearly idle
    (under 5% of a core over the two seconds) or `limit` seconds have passed. Under load on 2 cores C2 falls behind
    (its queue held mostly 50-80 methods through a run of W1 with features), so the code a workload makes hot would
    still run in C1's profiling tier when measured; one connection leaves C2 a core. The load does not stop: JDK 17
    drops a queued method that has not been called for 50 ms (TieredCompileTaskTimeout) unless it is "old"
    (TieredOldPercentage: about ten times the tier-3 thresholds). The
    java CPU here is warm-up, not the measured requests'. Returns the seconds it took, the compiler threads' CPU
    seconds in them, and whether they went quiet within the limit."""
    start, first = time.monotonic(), service.jit_threads()
    last, quiet = first, False
    while not quiet and time.monotonic() - start < limit:
        for t in targets:
            run_wrk(service.base, t, result, 1, 1, threads=1)
        now = service.jit_threads()
        quiet = jit_seconds(last, now) < 0.1
        last = now
    spent = jit_seconds(first, last)
    return {"seconds": round(time.monotonic() - start, 1), "jit_s": round(spent, 2), "quiet": quiet}


def warm_up_line(warm):
    """The warm-up's settling, for the log: how long each took, the JIT's CPU in it, and whether the JIT went quiet."""
    return ", ".join(f"JIT {'quiet' if w['quiet'] else 'still busy'} after {w['seconds']} s on one connection "
                     f"({w['jit_s']} s of its CPU)" for w in warm) or "without settling"


def run_pgbench_warm(db, role, scripts, connections, cfg, workdir, name, weights=None):
    run_pgbench(db, role, scripts, connections, 1, workdir, name + "-warm", weights)
    return run_pgbench(db, role, scripts, connections, cfg["pg_duration"], workdir, name, weights)


def percentile(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 3) if values else None


def sequential(base, requests, count):
    """W4's latency probe: `count` requests one after another on one keep-alive connection (round robin over
    `requests`), each timed from sending to the last byte read. [(2xx?, ms), ...]"""
    host, port = base.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    out = []
    for n in range(count):
        method, path, authorization, body = requests[n % len(requests)]
        headers = {"Authorization": authorization, "Accept": "application/json"}
        if body:
            headers["Content-Type"] = "application/json"
        t = time.perf_counter()
        conn.request(method, path, body=body.encode() if body else None, headers=headers)
        r = conn.getresponse()
        r.read()
        out.append((200 <= r.status < 300, (time.perf_counter() - t) * 1000))
    conn.close()
    return out


def run_pgbench(db, role, scripts, connections, duration, workdir, name, weights=None):
    logdir = os.path.join(workdir, f"pgbench-{name}")
    os.makedirs(logdir, exist_ok=True)
    cmd = ["pgbench", "-h", PG["host"], "-p", PG["port"], "-U", role, "-n", "-M", "prepared",
           "-c", str(connections), "-j", str(min(2, connections)), "-T", str(duration), "-l",
           "--log-prefix", os.path.join(logdir, "tx")]
    for n, s in enumerate(scripts):
        cmd += ["-f", f"{s}@{weights[n] if weights else 1}"]
    cmd.append(db)
    out = subprocess.run(cmd, capture_output=True, text=True)
    text = out.stdout + out.stderr
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", text)
    processed = re.search(r"number of transactions actually processed: (\d+)", text)
    failed = re.search(r"number of failed transactions: (\d+)", text)
    latencies = []
    for fn in os.listdir(logdir):
        with open(os.path.join(logdir, fn)) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    latencies.append(int(parts[2]))
    shutil.rmtree(logdir, ignore_errors=True)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else None
    aborted = "aborted" in text or out.returncode != 0
    return {"tps": float(tps.group(1)) if tps else 0.0, "transactions": int(processed.group(1)) if processed else 0,
            "p99_ms": pct(99) / 1000 if latencies else None,
            "failed": int(failed.group(1)) if failed else 0, "aborted_clients": aborted,
            "p50_us": pct(50), "p99_us": pct(99), "output_tail": text.strip().splitlines()[-3:] if aborted else []}


# ---------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", default="short", choices=sorted(MODES))
    parser.add_argument("--jar", default=None)
    parser.add_argument("--connections", type=int, default=16, help="wrk connections = pgbench clients")
    parser.add_argument("--port", type=int, default=18480)
    parser.add_argument("--heap", default="256m")
    parser.add_argument("--keep", action="store_true", help="keep the database, role and work files")
    parser.add_argument("--jvm-options", default=None,
                        help="JVM options file, one option a line, # comments (default: jvm.options at the root, "
                             "the deployment's; '' for none)")
    parser.add_argument("--warmup", type=int, default=None,
                        help="seconds of wrk warm-up per side in each warm-up cycle (mode's default)")
    parser.add_argument("--settles", type=int, default=None,
                        help="warm-up cycles per workload: the warm-up's seconds on each side, then both sides on one "
                             "connection until the JIT is nearly idle (at most 60 s); default 2; 0: one warm-up and "
                             "no settling, as before 2026-12-07")
    parser.add_argument("--no-cds", action="store_true",
                        help="no class data sharing archive (training run) for the start on the migrated database")
    parser.add_argument("--no-stack-alone", action="store_true",
                        help="skip the stack alone (bench/floor/StackAlone.java) after the service's measurements")
    parser.add_argument("--rate-limits", action="store_true",
                        help="rate limits on (budgets too large to be reached), to measure what the limiter costs")
    parser.add_argument("--features", action="store_true",
                        help="every feature of the write path configured through the API after the seed, as a user "
                             "would have it: 5 more active triggers, an SLA policy that matches, a webhook subscribed "
                             "to the writes' events (to a receiver of the bench's own on loopback), routing on")
    parser.add_argument("--only", default=None,
                        help="measure only these workloads (comma-separated, e.g. W1,W2); no mixed load unless all four "
                             "of W1, W2, W3-list and W3-show are named; no W4")
    args = parser.parse_args()
    cfg = dict(MODES[args.mode])
    if args.warmup is not None:
        cfg["warmup"] = args.warmup
    if args.settles is not None:
        if args.settles < 0:
            parser.error("--settles must be 0 or more")
        cfg["settles"] = args.settles
    root = os.path.dirname(HERE)
    jar = args.jar or next((os.path.join(root, "target", f) for f in sorted(os.listdir(os.path.join(root, "target")))
                            if f.startswith("sidedesk-") and f.endswith(".jar") and "original" not in f), None)
    options_file = os.path.join(root, "jvm.options") if args.jvm_options is None else args.jvm_options
    jvm_options = []
    if options_file:
        with open(options_file) as f:
            jvm_options = [w for line in f for w in line.split("#", 1)[0].split()]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    suffix = f"{stamp.replace('-', '_')}_{os.getpid()}"
    db = role = f"sd_bench_{suffix}"
    password = base64.b16encode(os.urandom(12)).decode().lower()
    workdir = os.path.join(HERE, "results", f"work-{stamp}")
    os.makedirs(workdir, exist_ok=True)
    results = {"mode": args.mode, "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "jar": jar,
               "connections": args.connections, "heap": args.heap, "config": cfg,
               "jvm_options": jvm_options, "extra_jvm_options": os.environ.get("BENCH_JAVA_OPTS", "").split(),
               "environment": {k: v for k, v in os.environ.items() if k.startswith("MALLOC_") or k in (
                   "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "GLIBC_TUNABLES")},
               "cds": not args.no_cds, "rate_limits": args.rate_limits,
               "features": None,
               "machine": {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg(),
                           "note": "shared machine: other builds may run at the same time; numbers vary with them"},
               "workloads": {}, "w4": {}, "statements": {}}
    t_all = time.monotonic()
    service = None
    # --features: the webhook's receiver, and the one host the SSRF guard then lets webhooks reach (every start).
    receiver = Receiver() if args.features else None
    webhook_hosts = "127.0.0.1" if args.features else None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up (service, database) when stopped
    try:
        log(f"mode {args.mode}, jar {jar}, database {db}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
        psql(f"create role {role} login password '{password}' nosuperuser nocreatedb nocreaterole")
        psql(f"create database {db} owner {role}")
        psql(f"alter database {db} set log_statement = 'all'")
        psql(f"alter database {db} set log_parameter_max_length = -1")
        pg_log = server_log()
        log_offset = os.path.getsize(pg_log)

        # Spring Boot's extracted layout, the launch a deployment with class data sharing uses (classes from nested
        # jars cannot be archived), and the class path the floor is compiled against and joins.
        app = os.path.join(workdir, "app")
        subprocess.run(["java", "-Djarmode=tools", "-jar", jar, "extract", "--destination", app], check=True,
                       stdout=subprocess.DEVNULL)
        jar = os.path.join(app, os.path.basename(jar))

        # -- 1: fresh start, seed, capture. The capture runs without rate limits even with --rate-limits: one request
        # at a time, each would find the limiter's local copy older than its reconciliation interval and carry a
        # reconciliation that, under load, many requests share. The baseline replays the requests' own statements;
        # what the limiter adds is the service's extra work.
        service = Service(jar, args.port, db, role, password, args.heap, workdir, "capture", jvm_options,
                          webhook_hosts=webhook_hosts)
        results["startup_fresh_s"] = round(service.start(), 2)
        log(f"start #1 (empty database, migrations): healthy after {results['startup_fresh_s']} s")
        t = time.monotonic()
        seed_vars = [f"{k}={cfg[k]}" for k in ("groups", "agents", "customers", "pool_parents", "p10_parents",
                                               "plain_parents", "heavy_children")]
        out = psql(None, db=db, args=sum((["-v", v] for v in seed_vars), []) + ["-F", " ", "-f",
                                                                               os.path.join(HERE, "seed.sql")])
        counts = out.splitlines()[-1].split()
        results["data"] = dict(zip(("groups", "agents", "tickets", "side_conversations", "comments",
                                    "max_comments_on_a_ticket"), map(int, counts)))
        status, body = api(service.base, "PUT", "/api/v2/account/settings",
                            body={"settings": {"side_conversations": {"tickets_channel": True}}})
        assert status == 200, body
        plan = load_plan(db, cfg)
        psql("drop table bench_plan", db=db)
        w5_group = rows("select id from groups where name = 'W5 Queue'", db)[0][0]
        status, body = api(service.base, "POST", "/api/v2/views", body={"view": {
            "title": "W5 Queue: unassigned tickets",
            "all": [{"field": "status", "operator": "less_than", "value": "solved"},
                    {"field": "assignee_id", "operator": "is", "value": ""},
                    {"field": "group_id", "operator": "is", "value": int(w5_group)}],
            "output": {"sort_by": "created_at", "sort_order": "asc"}}})
        assert status == 201, body
        w5_views = [json.loads(body)["view"]["id"]]
        results["seed_s"] = round(time.monotonic() - t, 1)
        log(f"seeded in {results['seed_s']} s: {results['data']}")
        check = plan["writes"][0]
        status, body = api(service.base, "GET", f"/api/v2/tickets/{check['parent']}/side_conversations/{check['sc']}",
                            email=check["parent_agent"])
        linked = json.loads(body)["side_conversation"]["child_ticket"]
        assert status == 200 and linked["linked"] and str(linked["id"]) == check["child"], body
        if args.features:
            results["features"] = configure_features(service.base, receiver)
            log(f"features: {features_line(results['features'])}")
        else:
            log("features: none configured (Zendesk's standard triggers only; --features for all of them)")

        builders = {"W1": (w1, plan["writes"]), "W2": (w2, plan["writes"]), "W3-list": (w3_list, plan["reads"]),
                    "W3-show": (w3_show, plan["reads"]), "W5-view": (w5_view, w5_views),
                    "W5-search": (w5_search, w5_views)}
        # Warm the JVM a little (and the driver's per-connection caches) before capturing. With --features, every
        # write target once: a ticket's first update under the new configuration does what no later one does (the
        # child's priority and tag set, the SLA policy applied), and the load repeats each write many times over.
        for name, (build, targets) in builders.items():
            warm = targets if args.features and name in ("W1", "W2") else targets[:12]
            for n, c in enumerate(warm):
                status, body = raw(service.base, build(c, n))
                if args.features and not 200 <= status < 300:
                    raise RuntimeError(f"{name} warm-up request failed with --features: {status} {body[:300]}")
        markers = Markers(db)
        for name, (build, targets) in builders.items():
            for n, c in enumerate(targets):
                markers.mark(f"{name} {n}")
                status, body = raw(service.base, build(c, n))
                if not 200 <= status < 300:
                    raise RuntimeError(f"{name} capture request failed: {status} {body[:300]}")
        # W4's first pages of the parents' lists (when W4 runs), so that pgbench can replay the same statements beside
        # W4's latencies: how much of the list's growth with the page's size is PostgreSQL's. Three times each, the
        # statements most of them ran kept (one may carry a connection's once-only catalogue look-up).
        w4_runs = (args.only.split(",") if args.only else list(builders)) == list(builders)
        for size in W4_SIZES * 3 if w4_runs else ():
            markers.mark(f"W4-list {size}")
            status, body = raw(service.base, w3_list(plan["w4"][f"w4_parent_{size}"][0]))
            if not 200 <= status < 300:
                raise RuntimeError(f"W4-list capture request failed: {status} {body[:300]}")
        markers.mark("end")
        markers.close()
        service.stop()
        service = None
        psql(f"alter database {db} reset log_statement")
        psql(f"alter database {db} reset log_parameter_max_length")
        psql(f"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{db}' and pid <> pg_backend_pid()",
             check=False)

        foreign_keys = {tuple(r) for r in rows(
            "select c.conrelid::regclass::text, a.attname from pg_constraint c join pg_attribute a "
            "on a.attrelid = c.conrelid and a.attnum = any(c.conkey) where c.contype = 'f'", db)}
        captured = replay.capture(replay.read_messages(pg_log, log_offset, db), role)
        scripts, floor_plans, floor_targets = {}, {}, {}
        for name in builders:
            labelled = [(int(label.split(" ")[1]), r) for label, rs in captured.items() if label.split(" ")[0] == name
                        for r in rs]
            requests = [r for _, r in labelled]
            sig, same = replay.modal(requests)
            alike = [(n, r) for n, r in labelled if replay.signature(r) == sig][:128]
            floor_plans[name] = [replay.floor_plan(r, "zq_", foreign_keys) for _, r in alike]
            floor_targets[name] = [n for n, _ in alike]
            names = replay.describe(sig)
            notes = {}
            paths = []
            sdir = os.path.join(workdir, "pgbench", name)
            os.makedirs(sdir, exist_ok=True)
            for n, request in enumerate(same[:128]):
                text, why = replay.script(request, "zq_", foreign_keys)
                for k, v in why.items():
                    notes[k] = notes.get(k, 0) + v
                path = os.path.join(sdir, f"target-{n:03d}.sql")
                with open(path, "w") as f:
                    f.write(text)
                paths.append(path)
            scripts[name] = paths
            statements = [s for s in names if s not in ("BEGIN", "BEGIN READ ONLY", "COMMIT", "ROLLBACK")]
            results["statements"][name] = {
                "per_request": len(statements),
                "transactions": sum(1 for s in names if s.startswith("BEGIN")),
                "sequence": names,
                "sql": list(sig),
                "captured_requests": len(requests), "replayed_targets": len(paths),
                "dynamic_in_replay": {k: round(v / max(1, len(paths)), 1) for k, v in notes.items()},
            }
            log(f"{name}: {len(statements)} statements in {results['statements'][name]['transactions']} "
                f"transactions per request ({len(same)}/{len(requests)} captured requests alike)")

        w4_scripts = {}
        for size in W4_SIZES if w4_runs else ():
            samples = captured.get(f"W4-list {size}")
            if not samples:
                log(f"W4-list {size}: no statements captured; no pgbench beside W4")
                w4_scripts = {}
                break
            sdir = os.path.join(workdir, "pgbench", "W4-list")
            os.makedirs(sdir, exist_ok=True)
            w4_scripts[size] = os.path.join(sdir, f"parent-{size}.sql")
            sig, same = replay.modal(samples)
            results.setdefault("w4_list_statements", {})[f"{size} side conversations"] = len(sig)
            with open(w4_scripts[size], "w") as f:
                f.write(replay.script(same[0], "zq_", foreign_keys)[0])

        plans_path = os.path.join(workdir, "floor-plans.json")
        with open(plans_path, "w") as f:
            json.dump(floor_plans, f)
        floor = (compile_floor(jar, workdir), plans_path)

        # -- 2: start on the migrated database, load
        load_options = list(jvm_options)
        if not args.no_cds:
            archive = os.path.join(workdir, "sidedesk.jsa")
            t = time.monotonic()
            Service(jar, args.port, db, role, password, args.heap, workdir, "cds-training", jvm_options,
                    args.rate_limits, floor, webhook_hosts).train_cds(archive, REPOSITORIES_MADE)
            log(f"class data sharing: training run {time.monotonic() - t:.1f} s, archive "
                f"{os.path.getsize(archive) / 1e6:.0f} MB")
            load_options.append(f"-XX:SharedArchiveFile={archive}")
        service = Service(jar, args.port, db, role, password, args.heap, workdir, "load", load_options,
                          args.rate_limits, floor, webhook_hosts)
        results["startup_migrated_s"] = round(service.start(), 2)
        log(f"start #2 (migrated database): healthy after {results['startup_migrated_s']} s")
        service.sample_memory()
        results["rss_after_start_mb"] = round(service.memory()[0], 1)

        # Each workload: the service and the floor (the same statements through plain JDBC, in the same JVM) warmed,
        # then measured in alternating rounds; then pgbench on the same statements.
        requests, floor_requests = {}, {}
        only = args.only.split(",") if args.only else list(builders)
        for name, (build, targets) in builders.items():
            requests[name] = [build(c, n) for n, c in enumerate(targets)]
            floor_requests[name] = [floor_request(build(targets[n], n), name, k)
                                    for k, n in enumerate(floor_targets[name])]
            if name not in only:
                continue
            service.phase = name
            svc, flo = alternate(service, workdir, name, requests[name], floor_requests[name], args.connections, cfg)
            base = run_pgbench_warm(db, role, scripts[name], args.connections, cfg, workdir, name)
            ratio = svc["throughput_2xx"] / base["tps"] if base["tps"] else None
            cpu_ratio = (svc["cpu_ms_per_request"] / flo["cpu_ms_per_request"]
                         if svc["cpu_ms_per_request"] and flo["cpu_ms_per_request"] else None)
            results["workloads"][name] = {"service": svc, "floor": flo, "pgbench": base, "ratio": ratio,
                                          "cpu_ratio": cpu_ratio, "target_cpu_ratio": TARGETS[name],
                                          "meets_target": TARGETS[name] is None
                                          or cpu_ratio is not None and cpu_ratio <= TARGETS[name]}
            log(f"{name}: service {svc['throughput_2xx']:.0f}/s (non-2xx {svc['non_2xx']}), p50 "
                f"{svc['latency_us']['p50'] / 1000:.1f} ms, p99 {svc['latency_us']['p99'] / 1000:.1f} ms, "
                f"java CPU {svc['cpu_ms_per_request']} ms/request (JIT {svc['jit_cpu_ms_per_request']}); floor "
                f"{flo['throughput_2xx']:.0f}/s (non-2xx {flo['non_2xx']}), java CPU {flo['cpu_ms_per_request']} "
                f"ms/request (JIT {flo['jit_cpu_ms_per_request']}); ratio {cpu_ratio}; "
                f"pgbench {base['tps']:.0f} tps{' (ABORTED clients)' if base['aborted_clients'] else ''}; "
                f"warm-up {warm_up_line(svc['warm_up'])}")

        # -- The mixed load: 70% reads (W3-list, W3-show), 30% writes (W1, W2), interleaved; the floor and pgbench on
        # the same mix.
        if set(MIX) <= set(only):
            service.phase = "mix"
            mix_load(results, service, db, role, scripts, requests, floor_requests, floor_targets, args, cfg, workdir)

        # -- The stack's floor: a request that does nothing (no credentials, no database), through the same
        # Tomcat, filters (Spring Security's included), Spring MVC and Jackson as every request.
        tfile = os.path.join(workdir, "targets-floor.tsv")
        write_targets(tfile, [("GET", "/actuator/health/liveness", "", "")])
        service.phase = "liveness"
        res = os.path.join(workdir, "wrk-floor.json")
        run_wrk(service.base, tfile, res, args.connections, cfg["warmup"])
        results["liveness"] = measure(service, tfile, res, args.connections, cfg["duration"])
        log(f"stack floor (GET /actuator/health/liveness): {results['liveness']['throughput_2xx']:.0f}/s, java CPU "
            f"{results['liveness']['cpu_ms_per_request']} ms/request")

        if only == list(builders):
            service.phase = "W4"
            w4_load(results, service, plan, cfg)
            if w4_scripts:
                w4_floor(results, db, role, w4_scripts, cfg, workdir)

        if results["features"]:
            # The webhook's invocations the service gave up on (first page): deliveries to the receiver must succeed.
            status, body = api(service.base, "GET", f"/api/v2/webhooks/{results['features']['webhook']['id']}"
                                                    f"/invocations?filter[status]=failed&page[size]=100")
            results["features"]["webhook_invocations_failed"] = (len(json.loads(body)["invocations"])
                                                                 if status == 200 else f"HTTP {status}")
        rss = [s[1] for s in service.samples]
        results["rss_peak_sampled_mb"] = round(max(rss), 1) if rss else None
        results["rss_hwm_mb"] = round(service.memory()[1], 1)
        results["rss_by_phase"] = rss_by_phase(service.samples)
        service.stop()
        service = None
        results["machine"]["loadavg_end"] = os.getloadavg()  # the service's measurements' end

        if not args.no_stack_alone:
            measured = [*results["workloads"], *(["mix"] if results.get("mix") else [])]
            try:
                results["stack_alone"] = stack_alone(jar, floor, db, role, password, jvm_options, args, cfg, workdir,
                                                     measured)
            except (OSError, RuntimeError, subprocess.SubprocessError) as e:
                # Information beside the targets: the service's results stand without it.
                results["stack_alone"] = {"error": f"{type(e).__name__}: {e}"}
                log(f"the stack alone: {results['stack_alone']['error']}")
    finally:
        if service:
            service.stop()
        if receiver:
            receiver.stop()
            if results["features"]:
                results["features"]["webhook_deliveries"] = receiver.deliveries
                results["features"]["webhook_retries"] = receiver.retries
        results["machine"].setdefault("loadavg_end", os.getloadavg())
        results["total_s"] = round(time.monotonic() - t_all, 1)
        if not args.keep:
            psql(f"drop database if exists {db} with (force)", check=False)
            psql(f"drop role if exists {role}", check=False)
        out = os.path.join(HERE, "results", f"bench-{args.mode}-{stamp}.json")
        with open(out, "w") as f:
            json.dump(results, f, indent=2, default=str)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results, out)


def stack_alone(jar, floor, db, role, password, jvm_options, args, cfg, workdir, measured):
    """The stack alone (bench/floor/StackAlone.java): the service's class path, properties and JVM options (not
    BENCH_JAVA_OPTS) with none of its beans, on the migrated database, with a class data sharing archive from its own
    training run as the service's. Its start to healthy and its resident set after start; then the floor's requests of
    each measured workload and of the mix (the same targets files), on the same connections, each for as long as one
    side's measured rounds, the peak sampled as the service's: what the chosen stack costs before the service adds
    anything. Without authentication: each request runs one statement fewer than the floor's in the service. Without
    Spring AOT, which its beans were not processed for."""
    options = [*jvm_options, "-Dspring.aot.enabled=false"]
    if not args.no_cds:
        archive = os.path.join(workdir, "stack-alone.jsa")
        Service(jar, args.port, db, role, password, args.heap, workdir, "stack-alone-training", options,
                floor=floor, main=STACK_ALONE_CLASS).train_cds(archive)
        options.append(f"-XX:SharedArchiveFile={archive}")
    stack = Service(jar, args.port, db, role, password, args.heap, workdir, "stack-alone", options, floor=floor,
                    main=STACK_ALONE_CLASS, extra_options=False)
    try:
        r = {"startup_migrated_s": round(stack.start(), 2)}
        stack.sample_memory()
        r["rss_after_start_mb"] = round(stack.memory()[0], 1)
        r["seconds_each"], r["served"] = cfg["rounds"] * cfg["duration"], {}
        for name in measured:
            targets = os.path.join(workdir, f"targets-{name}-floor.tsv")
            w = run_wrk(stack.base, targets, os.path.join(workdir, "wrk-stack-alone.json"), args.connections,
                        r["seconds_each"])
            socket_errors = sum(w["errors"][k] for k in ("connect", "read", "write", "timeout"))
            r["served"][name] = {"ok_2xx": w["ok_2xx"], "non_2xx": w["non_2xx"], "errors": socket_errors}
        rss = [m[1] for m in stack.samples]
        r["rss_peak_sampled_mb"] = round(max(rss), 1) if rss else None
        r["rss_hwm_mb"] = round(stack.memory()[1], 1)
        r["loadavg_end"] = os.getloadavg()
    finally:
        stack.stop()
    log(f"the stack alone: {stack_alone_line(r)}")
    return r


def stack_alone_line(r):
    """The stack alone's start, memory and requests, for the log and the report; a warning where any request failed."""
    if "error" in r:
        return f"not measured ({r['error']})"
    served = ", ".join(f"{k} {v['ok_2xx']}" for k, v in r["served"].items()) or "no workload measured"
    failed = sum(v["non_2xx"] + v["errors"] for v in r["served"].values())
    return (f"healthy after {r['startup_migrated_s']} s on the migrated database; RSS {r['rss_after_start_mb']} MB "
            f"after start, peak {r['rss_hwm_mb']} MB (VmHWM; sampled max VmRSS {r['rss_peak_sampled_mb']} MB) serving "
            f"the floor's requests, {r['seconds_each']} s each (2xx: {served})"
            + (f"; WARNING: {failed} not 2xx or failed" if failed else ""))


def rss_by_phase(samples):
    """Per phase of the run (a workload, the mix, ...): the largest sampled VmRSS and the VmHWM at its end, in MB, so
    that a report says where the peak was reached."""
    phases = {}
    for _, rss, hwm, phase in samples:
        seen = phases.setdefault(phase, {"rss_max_mb": 0.0, "hwm_end_mb": 0.0})
        seen["rss_max_mb"] = round(max(seen["rss_max_mb"], rss), 1)
        seen["hwm_end_mb"] = round(hwm, 1)
    return phases


def mix_load(results, service, db, role, scripts, requests, floor_requests, floor_targets, args, cfg, workdir):
    """70% reads (W3-list, W3-show) and 30% writes (W1, W2), interleaved (MIX); the floor and pgbench on the same mix."""
    cursor = {name: 0 for name in set(MIX)}
    mix, floor_mix = [], []
    for _ in range(max(len(floor_requests[name]) for name in cursor)):
        for name in MIX:
            k = cursor[name] % len(floor_requests[name])
            cursor[name] += 1
            mix.append(requests[name][floor_targets[name][k]])
            floor_mix.append(floor_requests[name][k])
    svc, flo = alternate(service, workdir, "mix", mix, floor_mix, args.connections, cfg)
    share = {name: MIX.count(name) / len(MIX) for name in set(MIX)}
    mix_scripts, weights = [], []
    for name in sorted(share):
        chosen = scripts[name][:32]
        mix_scripts += chosen
        weights += [max(1, round(1000 * share[name] / len(chosen)))] * len(chosen)
    base = run_pgbench_warm(db, role, mix_scripts, args.connections, cfg, workdir, "mix", weights)
    results["mix"] = {"share": share, "service": svc, "floor": flo, "pgbench": base,
                      "cpu_ratio": svc["cpu_ms_per_request"] / flo["cpu_ms_per_request"]
                      if svc["cpu_ms_per_request"] and flo["cpu_ms_per_request"] else None,
                      "target_p99_ms": MIX_P99_MS,
                      "meets_target": svc["non_2xx"] == 0 and svc["latency_us"]["p99"] / 1000 <= MIX_P99_MS}
    log(f"mix: service {svc['throughput_2xx']:.0f}/s (non-2xx {svc['non_2xx']}), p50 "
        f"{svc['latency_us']['p50'] / 1000:.1f} ms, p99 {svc['latency_us']['p99'] / 1000:.1f} ms; floor "
        f"{flo['throughput_2xx']:.0f}/s; pgbench {base['tps']:.0f} tps, p50 {base['p50_us'] / 1000:.2f} ms, "
        f"p99 {base['p99_ms']:.2f} ms; warm-up {warm_up_line(svc['warm_up'])}")


def w4_load(results, service, plan, cfg):
    """W4: latency by history size, one connection."""
    w4 = plan["w4"]
    points = []
    for size in W4_SIZES:
        convs = w4[f"w4_parent_{size}"]
        points.append(("W1 parent", f"{size} side conversations", [w1(c, n) for n, c in enumerate(convs)]))
        points.append(("W3 parent", f"{size} side conversations", [w3_list(convs[0])]))
        points.append(("W3 parent, page[size]=1", f"{size} side conversations",
                       [w3_list(convs[0], query="?page[size]=1")]))
    for size in (10, 4000):
        convs = w4[f"w4_child_{size}"]
        points.append(("W1 child", f"{size} comments", [w1(c, n) for n, c in enumerate(convs)]))
        points.append(("W3 child", f"{size} comments", [w3_child(convs[0])]))
    # Interleaved rounds, so that JIT warm-up and the machine's other load fall on every point alike.
    passes = 5
    for series, label, requests in points:
        sequential(service.base, requests, max(10, cfg["w4_requests"] // 5))  # warm-up
    timings = {(series, label): [] for series, label, _ in points}
    for _ in range(passes):
        for series, label, requests in points:
            timings[(series, label)] += sequential(service.base, requests, cfg["w4_requests"] // passes)
    for series, label, _ in points:
        lat = timings[(series, label)]
        results["w4"].setdefault(series, []).append(
            {"history": label, "requests": len(lat), "ok_2xx": sum(1 for ok, _ in lat if ok),
             "p50_ms": percentile([t for _, t in lat], 50), "p99_ms": percentile([t for _, t in lat], 99),
             "mean_ms": round(sum(t for _, t in lat) / len(lat), 3)})
    for series, pts in results["w4"].items():
        ratio = pts[-1]["p50_ms"] / pts[0]["p50_ms"] if pts[0]["p50_ms"] else None
        results["w4_ratio_largest_to_smallest_p50"] = results.get("w4_ratio_largest_to_smallest_p50", {})
        results["w4_ratio_largest_to_smallest_p50"][series] = ratio
    # The first page is full from the parent with W4_FULL_PAGE side conversations on: the history alone, at one page.
    full = next((p for size, p in zip(W4_SIZES, results["w4"]["W3 parent"]) if size >= W4_FULL_PAGE), None)
    if full and full is not results["w4"]["W3 parent"][-1]:
        last = results["w4"]["W3 parent"][-1]
        results["w4_ratio_same_page_p50"] = {"W3 parent": {
            "from": full["history"], "to": last["history"],
            "ratio": last["p50_ms"] / full["p50_ms"] if full["p50_ms"] else None}}
    results["w4_meets_target"] = {series: w4_meets_target(results, series) for series in results["w4"]}


def w4_floor(results, db, role, scripts, cfg, workdir):
    """pgbench on the statements of the first page of each W4 parent's list, one client (as W4's one connection):
    their p50 by history size and the ratio of the largest history's to the smallest's, beside the service's."""
    points = []
    for size, script in scripts.items():
        b = run_pgbench_warm(db, role, [script], 1, cfg, workdir, f"W4-list-{size}")
        ok = not b["aborted_clients"] and not b["failed"] and b["p50_us"] is not None
        points.append({"history": f"{size} side conversations", "p50_ms": b["p50_us"] / 1000 if ok else None,
                       "tps": b["tps"], "failed": b["failed"], "aborted_clients": b["aborted_clients"]})
    first, last = points[0]["p50_ms"], points[-1]["p50_ms"]
    full = next((p["p50_ms"] for size, p in zip(scripts, points) if size >= W4_FULL_PAGE), None)
    results["w4_pgbench"] = {"series": "W3 parent", "points": points,
                             "ratio_largest_to_smallest_p50": last / first if first and last else None,
                             "ratio_same_page_p50": last / full if full and last else None}


def w4_meets_target(r, series):
    """W4's target: cost must not grow with history (the largest history's p50 within 1.5 times the smallest's). The
    first page of a parent's list holds 1 side conversation on the smallest parent, 10 on the next and 100 on the two
    largest, so from the smallest to the largest it grows with the page as well as the history: that series is judged
    from the smallest parent whose page is full (100) to the largest (500), the same page with five times the history
    behind it. Its ratio from the smallest, and pgbench's on the same statements, are printed for information.
    Every request of the series must have been answered with a 2xx, and no parent's first page may have run more than
    one statement more than another's (below)."""
    same_page = (r.get("w4_ratio_same_page_p50") or {}).get(series)  # none where no page among the sizes is full
    ratio = same_page["ratio"] if same_page else r["w4_ratio_largest_to_smallest_p50"][series]
    answered = all(p["ok_2xx"] == p["requests"] for p in r["w4"][series])
    # The list's statements as captured, for each parent's first page: a full page (offset paging) also counts the
    # parent's side conversations (Zendesk's `count`), one statement more; a statement per side conversation, which
    # the page of 100 at both ends of the one-page ratio would not show, would add a hundred.
    counts = list((r.get("w4_list_statements") or {}).values()) if series == "W3 parent" else []
    return answered and (not counts or max(counts) - min(counts) <= 1) and ratio is not None and ratio <= 1.5


def report(r, path):
    print()
    print(f"Sidedesk benchmark, {r['mode']} mode, {r['connections']} connections (wrk) = clients (pgbench), "
          f"-Xmx{r['heap']}, {r['machine']['cpus']} CPUs, load average {r['machine']['loadavg_start'][0]:.2f} "
          f"-> {r['machine']['loadavg_end'][0]:.2f} (shared machine: other builds may be running)")
    print(f"rate limits: {'on (budgets too large to be reached)' if r.get('rate_limits') else 'off'}")
    print(f"features: {features_line(r['features']) if r.get('features') else 'none configured (standard triggers)'}")
    print(f"data: {r.get('data')}")
    print("stmts/tx: SQL statements per request (BEGIN/COMMIT not counted) / transactions per request, as captured")
    print()
    print("java CPU: ms per 2xx request, user + system time of the java process while wrk measured (JIT and GC "
          "included); floor: the same statements through plain JDBC in the same JVM (bench/floor), alternating rounds")
    print()
    head = f"{'workload':<10} {'stmts/tx':>8} {'service 2xx/s':>13} {'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>7} " \
           f"{'java CPU':>8} {'floor CPU':>9} {'ratio':>6} {'target':>7} {'pgbench tps':>11} {'pg p50 ms':>9}"
    print(head)
    print("-" * len(head))

    def line(name, stmts, w, target, met):
        s, f, b = w["service"], w["floor"], w["pgbench"]
        ratio = f"{w['cpu_ratio']:.2f}" if w.get("cpu_ratio") is not None else "-"
        pg50 = f"{b['p50_us'] / 1000:.2f}" if b["p50_us"] is not None else "-"
        print(f"{name:<10} {stmts:>8} {s['throughput_2xx']:>13.0f} {s['latency_us']['p50'] / 1000:>7.1f} "
              f"{s['latency_us']['p99'] / 1000:>7.1f} {s['non_2xx']:>7} {s['cpu_ms_per_request'] or 0:>8.3f} "
              f"{f['cpu_ms_per_request'] or 0:>9.3f} {ratio:>6} {target:>7} {b['tps']:>11.0f} {pg50:>9}"
              f"{'' if met else '  MISSED'}")
    for name, w in r["workloads"].items():
        st = r["statements"][name]
        line(name, f"{st['per_request']}/{st['transactions']}", w,
             f"<= {w['target_cpu_ratio']}" if w["target_cpu_ratio"] else "-", w["meets_target"])
    mix = r.get("mix")
    if mix:
        line("mix", "", mix, f"p99<={mix['target_p99_ms']}", mix["meets_target"])
        b = mix["pgbench"]
        print(f"mix: {', '.join(f'{k} {v:.0%}' for k, v in sorted(mix['share'].items()))}; target: p99 <= "
              f"{mix['target_p99_ms']} ms and no non-2xx; pgbench on the same mix: {b['tps']:.0f} tps, p50 "
              f"{(b['p50_us'] or 0) / 1000:.2f} ms, p99 {b['p99_ms'] or 0:.2f} ms")
    print("pgbench ratio (service 2xx/s / pgbench tps, for comparison with earlier runs): "
          + ", ".join(f"{name} {w['ratio']:.2f}" for name, w in r["workloads"].items() if w.get("ratio")))
    floor = r.get("liveness")
    if floor:
        print(f"floor: GET /actuator/health/liveness (no credentials, no database) {floor['throughput_2xx']:.0f}/s, "
              f"java CPU {floor['cpu_ms_per_request']} ms/request")
    for name, w in r["workloads"].items():
        if w["pgbench"]["aborted_clients"] or w["pgbench"]["failed"]:
            print(f"WARNING: pgbench {name}: clients aborted or transactions failed: {w['pgbench']['output_tail']}")
    if r["w4"]:
        print()
        print(f"{'W4 (1 connection)':<24} {'history':<24} {'p50 ms':>8} {'p99 ms':>8}")
        floor = r.get("w4_pgbench") or {}

        def pg_p50(value, unit=" ms"):
            return "FAILED" if value is None else f"{value:.2f}{unit}"

        def fmt(ratio):
            return f"{ratio:>8.2f}" if ratio is not None else f"{'-':>8}"
        for series, pts in r["w4"].items():
            pg = floor.get("points", []) if series == floor.get("series") else []
            for n, p in enumerate(pts):
                print(f"{series:<24} {p['history']:<24} {p['p50_ms']:>8.2f} {p['p99_ms']:>8.2f}"
                      + (f"   pgbench p50 {pg_p50(pg[n]['p50_ms'])} (the same statements)" if n < len(pg) else ""))
            ratio = r["w4_ratio_largest_to_smallest_p50"][series]
            same_page = (r.get("w4_ratio_same_page_p50") or {}).get(series)
            verdict = "" if w4_meets_target(r, series) else "  MISSED"
            if same_page:
                print(f"{'':<24} {'largest / smallest p50':<24} {fmt(ratio)}   (pages of different sizes: "
                      f"information" + (f"; pgbench {pg_p50(floor['ratio_largest_to_smallest_p50'], '')}"
                                        if pg else "") + ")")
                label = f"{same_page['to'].split()[0]} / {same_page['from'].split()[0]} p50"
                print(f"{'':<24} {label:<24} {fmt(same_page['ratio'])}   target <= 1.5 (one page size, the history "
                      f"alone){verdict}" + (f"; pgbench {pg_p50(floor.get('ratio_same_page_p50'), '')}" if pg else ""))
            else:
                print(f"{'':<24} {'largest / smallest p50':<24} {fmt(ratio)}   target <= 1.5{verdict}")
    if r.get("w4_list_statements"):
        print("statements per first page of a W4 parent's list (as captured): "
              + ", ".join(f"{k} {v}" for k, v in r["w4_list_statements"].items()))
    print()
    fresh, migrated = r.get("startup_fresh_s"), r.get("startup_migrated_s")
    cds = " (class data sharing archive from a training run)" if r.get("cds") else ""
    print(f"startup to healthy: {fresh} s on an empty database (migrations), {migrated} s on a migrated one{cds} "
          f"(target <= 5 s{'' if migrated is not None and migrated <= 5 else ', MISSED'})")
    print(f"JVM options: -Xmx{r['heap']} {' '.join(r.get('jvm_options') or [])}"
          + (f", then BENCH_JAVA_OPTS {' '.join(r['extra_jvm_options'])}" if r.get("extra_jvm_options") else "")
          + (f"; environment {' '.join(f'{k}={v}' for k, v in r['environment'].items())}"
             if r.get("environment") else ""))
    hwm = r.get("rss_hwm_mb")
    print(f"RSS of the java process: {r.get('rss_after_start_mb')} MB after start, peak {hwm} MB (VmHWM; sampled "
          f"max VmRSS {r.get('rss_peak_sampled_mb')} MB) with -Xmx{r['heap']} (target <= 400 MB"
          f"{'' if hwm is not None and hwm <= 400 else ', MISSED'})")
    if r.get("rss_by_phase"):
        print("RSS by phase, MB (largest sampled VmRSS / VmHWM at the phase's end): "
              + ", ".join(f"{k} {v['rss_max_mb']} / {v['hwm_end_mb']}" for k, v in r["rss_by_phase"].items()))
    if r.get("stack_alone"):
        print(f"the stack alone (bench/floor/StackAlone.java: the same class path, properties and JVM options, none of "
              f"the service's beans): {stack_alone_line(r['stack_alone'])}")
    print(f"total {r['total_s']} s; JSON: {path}")


if __name__ == "__main__":
    main()
