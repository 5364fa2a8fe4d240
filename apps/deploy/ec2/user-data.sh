#!/bin/bash
# EC2 user data for a Cadastro instance: runs once, as root, on first boot.
# Amazon Linux 2023 (or Debian/Ubuntu), x86_64 or arm64, with an instance role carrying the policy of
# `pnpm infra iam-policy` and a second EBS volume for DATA_DIR. See packages/infra/DEPLOY.md.
set -euo pipefail

# ---- Settings: the CDK stack exports them before this script; by hand, fill in the defaults ----------------
RELEASE_URL="${RELEASE_URL:-s3://cadastro-deploys/releases/cadastro-release.zip}" # s3://… or https://…, .zip or .tgz
AWS_REGION="${AWS_REGION:-sa-east-1}"
CADASTRO_TABLE="${CADASTRO_TABLE:-cadastro}"
CADASTRO_BUCKET="${CADASTRO_BUCKET:-cadastro-prod}"
# CADASTRO_BLIND_INDEX_SECRET: a Secrets Manager ARN, or the name of an SSM SecureString (/cadastro/…).
BLIND_INDEX_SECRET_ID="${BLIND_INDEX_SECRET_ID:-/cadastro/blind-index-secret}"
# The first operator's password, same forms; unset: the server generates one into DATA_DIR/secrets (mode 0600).
ADMIN_PASSWORD_SECRET_ID="${ADMIN_PASSWORD_SECRET_ID:-}"
CADASTRO_ADMIN_EMAIL="${CADASTRO_ADMIN_EMAIL:-admin@cadastro.local}"
# Account e-mail: a sender verified in SES (unset: the server writes e-mail to DATA_DIR/outbox) and the address
# customers open, used in the links it sends.
CADASTRO_MAIL_FROM="${CADASTRO_MAIL_FROM:-}"
CADASTRO_APP_URL="${CADASTRO_APP_URL:-}"
# The load balancer's subnets (CIDRs, comma-separated): X-Forwarded-For is believed from them only.
TRUST_PROXY="${TRUST_PROXY:-}"
LOG_GROUP="${LOG_GROUP:-/cadastro/server}"
# The data volume: attached by this script (so a replacement instance takes it over), found by its id.
DATA_VOLUME_ID="${DATA_VOLUME_ID:-}" # e.g. vol-0123456789abcdef0; else DATA_DEVICE must already be attached
DATA_DEVICE="${DATA_DEVICE:-/dev/sdf}"
PORT="${PORT:-3000}"
# sqlite: sessions on the data volume (one instance); dynamodb: in the table (an Auto Scaling group).
SESSION_STORE="${SESSION_STORE:-sqlite}"
# memory: credential calls counted per server (one instance); dynamodb: in the table, shared by the group.
RATE_LIMIT_STORE="${RATE_LIMIT_STORE:-memory}"
NODE_VERSION="${NODE_VERSION:-24.21.0}" # the root package.json's "node" devDependency: tests and instance run one Node
# -----------------------------------------------------------------------------------------------------------

DATA_DIR=/var/lib/cadastro
APP_DIR=/opt/cadastro
exec > >(tee -a /var/log/cadastro-user-data.log) 2>&1
echo "cadastro user-data: start $(date -Is)"

install_packages() {
  if command -v dnf >/dev/null; then dnf install -y -q "$@"
  else DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  fi
}

# ---- Node 24 LTS from nodejs.org, checked against its published SHA-256 -------------------------------------
install_node() {
  local arch
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) echo "unsupported CPU $(uname -m)"; exit 1 ;; esac
  local name="node-v${NODE_VERSION}-linux-${arch}"
  if [[ -x /opt/${name}/bin/node ]]; then return; fi
  local tmp; tmp=$(mktemp -d)
  curl -fsSL "https://nodejs.org/dist/v${NODE_VERSION}/${name}.tar.xz" -o "${tmp}/${name}.tar.xz"
  curl -fsSL "https://nodejs.org/dist/v${NODE_VERSION}/SHASUMS256.txt" -o "${tmp}/SHASUMS256.txt"
  (cd "$tmp" && grep " ${name}.tar.xz\$" SHASUMS256.txt | sha256sum -c -)
  tar -xJf "${tmp}/${name}.tar.xz" -C /opt
  ln -sfn "/opt/${name}/bin/node" /usr/local/bin/node
  ln -sfn "/opt/${name}/bin/npm" /usr/local/bin/npm
  rm -rf "$tmp"
}

# ---- The EBS data volume at /var/lib/cadastro ------------------------------------------------------------
data_device() {
  if [[ -n "$DATA_VOLUME_ID" ]]; then
    # Nitro instances expose EBS volumes as NVMe devices named after the volume id.
    echo "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${DATA_VOLUME_ID/-/}"
  else
    echo "$DATA_DEVICE"
  fi
}

imds() {
  local token
  token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
  curl -fsS -H "X-aws-ec2-metadata-token: ${token}" "http://169.254.169.254/latest/meta-data/$1"
}

# A replacement instance starts while the old one still holds the volume: keep trying until it is released
# (at most 30 minutes). The same loop serves any instance that should take over a free data volume.
attach_data_volume() {
  [[ -n "$DATA_VOLUME_ID" ]] || return 0
  [[ -e "$(data_device)" ]] && return 0
  local instance; instance=$(imds instance-id)
  for _ in $(seq 1 180); do
    if aws ec2 attach-volume --region "$AWS_REGION" --volume-id "$DATA_VOLUME_ID" --instance-id "$instance" \
      --device "$DATA_DEVICE" >/dev/null 2>&1; then return 0; fi
    sleep 10
  done
  echo "data volume ${DATA_VOLUME_ID} could not be attached"; exit 1
}

mount_data_volume() {
  attach_data_volume
  local device; device=$(data_device)
  for _ in $(seq 1 60); do [[ -e "$device" ]] && break; sleep 2; done
  [[ -e "$device" ]] || { echo "data volume $device not attached"; exit 1; }
  device=$(readlink -f "$device")
  # Format only a blank volume: a volume moved from another instance keeps its data.
  if [[ -z "$(blkid -o value -s TYPE "$device" || true)" ]]; then mkfs.ext4 -q -L cadastro-data "$device"; fi
  local uuid; uuid=$(blkid -o value -s UUID "$device")
  mkdir -p "$DATA_DIR"
  grep -q "UUID=${uuid}" /etc/fstab || echo "UUID=${uuid} ${DATA_DIR} ext4 defaults,noatime,nofail 0 2" >> /etc/fstab
  mountpoint -q "$DATA_DIR" || mount "$DATA_DIR"
}

create_service_user() {
  id cadastro >/dev/null 2>&1 ||
    useradd --system --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin cadastro
  mkdir -p "$DATA_DIR/logs"
  chown -R cadastro:cadastro "$DATA_DIR"
  chmod 750 "$DATA_DIR"
}

# ---- The release: server bundle, SPA and these EC2 files ------------------------------------------------
install_release() {
  local tmp; tmp=$(mktemp -d)
  local archive="${tmp}/release.${RELEASE_URL##*.}"
  case "$RELEASE_URL" in
    s3://*) aws s3 cp --only-show-errors "$RELEASE_URL" "$archive" --region "$AWS_REGION" ;;
    *) curl -fsSL "$RELEASE_URL" -o "$archive" ;;
  esac
  local dir; dir="${APP_DIR}/releases/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$dir"
  case "$archive" in
    *.zip) command -v unzip >/dev/null || install_packages unzip; unzip -q "$archive" -d "$dir" ;;
    *) tar -xzf "$archive" -C "$dir" ;;
  esac
  ln -sfn "$dir" "${APP_DIR}/current"
  rm -rf "$tmp"
}

# A secret's value, from Secrets Manager (an ARN) or SSM Parameter Store (a /name). Never echoed.
read_secret() {
  case "$1" in
    arn:*:secretsmanager:*) aws secretsmanager get-secret-value --region "$AWS_REGION" --secret-id "$1" \
      --query SecretString --output text ;;
    *) aws ssm get-parameter --region "$AWS_REGION" --name "$1" --with-decryption --query Parameter.Value --output text ;;
  esac
}

write_environment() {
  install -d -m 0750 -o root -g cadastro /etc/cadastro
  umask 027
  {
    echo "AWS_REGION=${AWS_REGION}"
    echo "CADASTRO_TABLE=${CADASTRO_TABLE}"
    echo "CADASTRO_BUCKET=${CADASTRO_BUCKET}"
    echo "PORT=${PORT}"
    echo "SESSION_STORE=${SESSION_STORE}"
    echo "RATE_LIMIT_STORE=${RATE_LIMIT_STORE}"
    echo "CADASTRO_ADMIN_EMAIL=${CADASTRO_ADMIN_EMAIL}"
    # Account e-mail through SES from this verified address; links in it point at CADASTRO_APP_URL.
    [[ -n "$CADASTRO_MAIL_FROM" ]] && echo "CADASTRO_MAIL_FROM=${CADASTRO_MAIL_FROM}"
    [[ -n "$CADASTRO_APP_URL" ]] && echo "CADASTRO_APP_URL=${CADASTRO_APP_URL}"
    [[ -n "$TRUST_PROXY" ]] && echo "TRUST_PROXY=${TRUST_PROXY}"
    echo "CADASTRO_BLIND_INDEX_SECRET=$(read_secret "$BLIND_INDEX_SECRET_ID")"
    [[ -n "$ADMIN_PASSWORD_SECRET_ID" ]] && echo "CADASTRO_ADMIN_PASSWORD=$(read_secret "$ADMIN_PASSWORD_SECRET_ID")"
    true
  } > /etc/cadastro/cadastro.env
  chown root:cadastro /etc/cadastro/cadastro.env
  chmod 0640 /etc/cadastro/cadastro.env
}

install_log_shipping() {
  # pino-roll rotates DATA_DIR/logs inside the server; a logrotate rule left by an older release would rotate its
  # files a second time.
  rm -f /etc/logrotate.d/cadastro
  if ! command -v amazon-cloudwatch-agent-ctl >/dev/null; then
    install_packages amazon-cloudwatch-agent || { echo "CloudWatch agent not installed: logs stay on the volume"; return; }
  fi
  install -d /opt/aws/amazon-cloudwatch-agent/etc
  sed "s#/cadastro/server#${LOG_GROUP}#g" "${APP_DIR}/current/ec2/cloudwatch-agent.json" \
    > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
  amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \
    -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
}

# The data volume's usage, every 5 minutes, as a JSON line the agent ships: a metric filter of the stack turns it
# into the metric of the "data volume filling" alarm (no cloudwatch:PutMetricData, whose resource can only be *).
install_volume_usage() {
  cat > /usr/local/bin/cadastro-volume-usage <<'SH'
#!/bin/sh
file=/var/lib/cadastro/logs/volume-usage.log
[ "$(stat -c %s "$file" 2>/dev/null || echo 0)" -gt 1048576 ] && : > "$file"
used=$(df --output=pcent /var/lib/cadastro | tail -1 | tr -dc 0-9)
echo "{\"time\":$(date +%s)000,\"dataVolumeUsedPercent\":${used}}" >> "$file"
SH
  chmod 0755 /usr/local/bin/cadastro-volume-usage
  cat > /etc/systemd/system/cadastro-volume-usage.service <<'UNIT'
[Unit]
Description=Cadastro data volume usage
RequiresMountsFor=/var/lib/cadastro
[Service]
Type=oneshot
User=cadastro
ExecStart=/usr/local/bin/cadastro-volume-usage
UNIT
  cat > /etc/systemd/system/cadastro-volume-usage.timer <<'UNIT'
[Unit]
Description=Cadastro data volume usage every 5 minutes
[Timer]
OnBootSec=1min
OnUnitActiveSec=5min
[Install]
WantedBy=timers.target
UNIT
  systemctl daemon-reload
  systemctl enable --now cadastro-volume-usage.timer
}

start_service() {
  install -m 0644 "${APP_DIR}/current/ec2/cadastro.service" /etc/systemd/system/cadastro.service
  systemctl daemon-reload
  systemctl enable --now cadastro.service
  for _ in $(seq 1 30); do
    if curl -fsS "http://127.0.0.1:${PORT}/healthz" >/dev/null; then echo "cadastro is up"; return; fi
    sleep 2
  done
  echo "cadastro did not answer /healthz: journalctl -u cadastro, ${DATA_DIR}/logs/"
  exit 1
}

command -v curl >/dev/null || install_packages curl
command -v aws >/dev/null || install_packages awscli
install_node
mount_data_volume
create_service_user
install_release
write_environment
install_log_shipping
install_volume_usage
start_service
echo "cadastro user-data: done $(date -Is)"
