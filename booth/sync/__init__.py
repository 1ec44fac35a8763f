"""Many kiosks, one event: each booth copies its results, share pages and figures to shared storage with
rclone (booth.sync.syncer), in the background (booth.sync.loop); `booth stats --remote` sums the kiosks'
figures (booth.sync.figures) and `booth wall` shows their newest pictures (booth.sync.wall)."""
