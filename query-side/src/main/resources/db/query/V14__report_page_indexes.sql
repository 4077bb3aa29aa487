-- The first page of the learning report sorted by name or email (issue 6): members read in index
-- order within their organization, their report rows looked up by id, instead of joining and
-- sorting the whole organization. member_view changes rarely, so these cost little on writes.
-- Like the table, they hold names and emails; erasure deletes the row, and its index entries go
-- with it.
CREATE INDEX member_view_name_idx ON member_view (organization_id, name, member_id);
CREATE INDEX member_view_email_idx ON member_view (organization_id, email, member_id);
