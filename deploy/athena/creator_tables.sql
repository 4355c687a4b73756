-- Athena (and Glue Data Catalog) tables over the creator partitions the API writes:
--   s3://<bucket>/creators/platform=<platform>/type=<record type>/dt=<yyyy-MM-dd>/part-<batch>.jsonl.gz
-- One table per record type, since their columns differ. platform and dt are partition columns
-- filled by partition projection (no crawler, no MSCK REPAIR); type is fixed by each table's
-- location. Each line is the record of record.v1.schema.json without "type" and "platform", plus
-- creatorId and jobId. Replace ${bucket} with the collector's bucket (deploy/README.md).
-- CreatorTablesTest holds these columns to the lines the partition writer produces.

CREATE EXTERNAL TABLE IF NOT EXISTS sns_collector.creator_profiles (
  creatorId string,
  jobId string,
  platformId string,
  handle string,
  displayName string,
  bio string,
  avatarUrl string,
  followers bigint,
  following bigint,
  postCount bigint,
  totalLikes bigint,
  totalViews bigint,
  verified boolean,
  links array<string>,
  createdAt string,
  approximate array<string>,
  unavailable map<string,string>,
  observedAt string,
  source struct<route:string, url:string, pageType:string, schemaVersion:int, jobId:string>
)
PARTITIONED BY (platform string, dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('case.insensitive' = 'true', 'ignore.malformed.json' = 'false')
LOCATION 's3://${bucket}/creators/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.platform.type' = 'enum',
  'projection.platform.values' = 'instagram,youtube,tiktok,naver_blog',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2026-01-01,NOW',
  'storage.location.template' = 's3://${bucket}/creators/platform=${platform}/type=profile/dt=${dt}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sns_collector.creator_posts (
  creatorId string,
  jobId string,
  platformId string,
  ownerId string,
  url string,
  postType string,
  title string,
  caption string,
  text string,
  publishedAt string,
  durationSeconds bigint,
  views bigint,
  likes bigint,
  comments bigint,
  shares bigint,
  saves bigint,
  media array<struct<type:string, url:string, width:int, height:int>>,
  hashtags array<string>,
  mentions array<string>,
  approximate array<string>,
  unavailable map<string,string>,
  observedAt string,
  source struct<route:string, url:string, pageType:string, schemaVersion:int, jobId:string>
)
PARTITIONED BY (platform string, dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('case.insensitive' = 'true', 'ignore.malformed.json' = 'false')
LOCATION 's3://${bucket}/creators/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.platform.type' = 'enum',
  'projection.platform.values' = 'instagram,youtube,tiktok,naver_blog',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2026-01-01,NOW',
  'storage.location.template' = 's3://${bucket}/creators/platform=${platform}/type=post/dt=${dt}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sns_collector.creator_comments (
  creatorId string,
  jobId string,
  platformId string,
  postId string,
  authorId string,
  authorName string,
  text string,
  publishedAt string,
  likes bigint,
  replyCount bigint,
  parentId string,
  approximate array<string>,
  unavailable map<string,string>,
  observedAt string,
  source struct<route:string, url:string, pageType:string, schemaVersion:int, jobId:string>
)
PARTITIONED BY (platform string, dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('case.insensitive' = 'true', 'ignore.malformed.json' = 'false')
LOCATION 's3://${bucket}/creators/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.platform.type' = 'enum',
  'projection.platform.values' = 'instagram,youtube,tiktok,naver_blog',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2026-01-01,NOW',
  'storage.location.template' = 's3://${bucket}/creators/platform=${platform}/type=comment/dt=${dt}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sns_collector.creator_metrics (
  creatorId string,
  jobId string,
  platformId string,
  subject string,
  metric string,
  period string,
  startDate string,
  endDate string,
  value decimal(38,6),
  breakdown map<string,string>,
  approximate array<string>,
  unavailable map<string,string>,
  observedAt string,
  source struct<route:string, url:string, pageType:string, schemaVersion:int, jobId:string>
)
PARTITIONED BY (platform string, dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('case.insensitive' = 'true', 'ignore.malformed.json' = 'false')
LOCATION 's3://${bucket}/creators/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.platform.type' = 'enum',
  'projection.platform.values' = 'instagram,youtube,tiktok,naver_blog',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2026-01-01,NOW',
  'storage.location.template' = 's3://${bucket}/creators/platform=${platform}/type=metric/dt=${dt}/'
);
