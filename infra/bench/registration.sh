# Sourced by the bench scripts: self-registration against a local run, whose sender keeps mail in
# the local mailbox. Registering answers only 202 "verification-sent"; the code arrives by mail.
#   register_verified BASE_URL PATH JSON_BODY EMAIL OPERATOR_TOKEN
# posts the body to BASE_URL/PATH, reads the code mailed to EMAIL as the operator, verifies it and
# prints the verification's answer ({"instructorId":...} or {"administratorId":...}).
# The local run allows 30 registrations per client address an hour; for more, start it with
# LEARNING_REGISTRATION_MAX_REQUESTS_PER_ADDRESS set higher.
register_verified() {
  local base=$1 path=$2 body=$3 email=$4 operator=$5 code="" deadline=$(( $(date +%s) + 60 ))
  curl -sf -X POST "$base$path" -H 'Content-Type: application/json' -d "$body" >/dev/null
  until [ -n "$code" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no verification code for $path after 60 s" >&2; return 1; }
    sleep 0.1   # the outbox drains every 500 ms: polling in a driver script, not a test
    code=$(curl -sf -G "$base/api/operator/mailbox" --data-urlencode "recipient=$email" \
      -H "Authorization: Bearer $operator" | grep -o 'Your verification code: [A-Za-z0-9_-]*' | head -1 \
      | sed 's/.*: //') || true
  done
  curl -sf -X POST "$base/api/registrations/verification" -H 'Content-Type: application/json' -d "{\"code\":\"$code\"}"
}
