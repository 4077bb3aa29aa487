# Sourced by the scripts here, not run: the steps that give a script an organization of its own on a
# running local system. Needs $cmd (the command side's URL), $secrets (the local run's secrets
# directory) and $run (a number that makes names unique).
json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
. "$(dirname "${BASH_SOURCE[0]}")/registration.sh"

# bench_organization <name>: sets $operator (the local operator's token), $org (a new organization)
# and $token (its approved administrator's token)
bench_organization() {
  operator=$(curl -sf -X POST "$cmd/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"operator@localhost\",\"password\":\"$(cat "$secrets/initial-operator-password")\"}" | json accessToken)
  org=$(curl -sf -X POST "$cmd/api/organizations" -H "Authorization: Bearer $operator" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1 $run\",\"dataRegion\":\"eu\"}" | json organizationId)
  local admin
  admin=$(register_verified "$cmd" /api/administrators \
    "{\"organizationId\":\"$org\",\"name\":\"Bench Admin\",\"email\":\"bench-admin-$run@bench.example\",\"password\":\"benchmark-password\"}" \
    "bench-admin-$run@bench.example" "$operator" | json administratorId)
  curl -sf -X POST "$cmd/api/administrators/$admin/approval" -H "Authorization: Bearer $operator" >/dev/null
  token=$(curl -sf -X POST "$cmd/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench-admin-$run@bench.example\",\"password\":\"benchmark-password\"}" | json accessToken)
}
