-- Limits users set on processing (issue 8): a restricted user's new activity is refused; an
-- objecting user is left out of aggregate analytics (on the query side). The events are the
-- history; these rows are the current state the command side checks. No personal data.
CREATE TABLE processing_restriction (
    subject_id      UUID PRIMARY KEY,
    organization_id UUID,
    restricted_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE analytics_objection (
    subject_id      UUID PRIMARY KEY,
    organization_id UUID,
    objected_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
