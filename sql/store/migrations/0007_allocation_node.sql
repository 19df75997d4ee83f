-- The node a cluster share ran on (the VM's node name), so idle can be reported per node as well as
-- per node pool and cluster. Null for everything that is not a node's share.
ALTER TABLE allocation ADD COLUMN node TEXT;
