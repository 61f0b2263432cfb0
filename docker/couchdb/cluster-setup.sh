#!/bin/sh
# One-shot job of compose.cluster.yaml: joins couchdb-1..3 into one cluster through couchdb-1, then creates the
# system databases. Safe to run again: it exits early once all three nodes are members.
set -eu
: "${COUCHDB_USER:?}" "${COUCHDB_PASSWORD:?}"
AUTH="$COUCHDB_USER:$COUCHDB_PASSWORD"
COORD="http://couchdb-1:5984"
NODES="couchdb-1 couchdb-2 couchdb-3"

for node in $NODES; do
  until curl -fsS "http://$node:5984/_up" >/dev/null 2>&1; do
    echo "waiting for $node…"
    sleep 2
  done
done

members() { curl -fsS -u "$AUTH" "$COORD/_membership" | grep -o 'couchdb@couchdb-[0-9]' | sort -u | wc -l; }
if [ "$(members)" -ge 3 ]; then
  echo "cluster already has 3 members"
  exit 0
fi

post() { curl -fsS -u "$AUTH" -H 'Content-Type: application/json' -X POST "$COORD/_cluster_setup" -d "$1"; echo; }
for node in couchdb-2 couchdb-3; do
  post "{\"action\":\"enable_cluster\",\"bind_address\":\"0.0.0.0\",\"username\":\"$COUCHDB_USER\",\"password\":\"$COUCHDB_PASSWORD\",\"port\":5984,\"node_count\":3,\"remote_node\":\"$node\",\"remote_current_user\":\"$COUCHDB_USER\",\"remote_current_password\":\"$COUCHDB_PASSWORD\"}"
  post "{\"action\":\"add_node\",\"host\":\"$node\",\"port\":5984,\"username\":\"$COUCHDB_USER\",\"password\":\"$COUCHDB_PASSWORD\"}"
done
post '{"action":"finish_cluster"}'
echo "members: $(members)"
[ "$(members)" -ge 3 ]
