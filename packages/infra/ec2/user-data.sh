#!/bin/bash
# EC2 user data for a Cadastro instance: runs once, as root, on first boot.
# Amazon Linux 2023 (or Debian/Ubuntu), x86_64 or arm64, with an instance role carrying the policy of
# `pnpm infra iam-policy` and a second EBS volume for DATA_DIR. See packages/infra/DEPLOY.md.
set -euo pipefail

# ---- Fill these in ----------------------------------------------------------------------------------------
RELEASE_URL="s3://cadastro-deploys/releases/cadastro-release.tgz" # s3://… (instance role) or https://…
AWS_REGION="sa-east-1"
CADASTRO_TABLE="cadastro"
CADASTRO_BUCKET="cadastro-prod"
SECRET_PARAMETER="/cadastro/blind-index-secret" # SSM SecureString holding CADASTRO_BLIND_INDEX_SECRET
DATA_VOLUME_ID=""    # e.g. vol-0123456789abcdef0: found whatever the device name; else DATA_DEVICE is used
DATA_DEVICE="/dev/sdf"
PORT="3000"
NODE_VERSION="24.21.0" # the root package.json's "node" devDependency: tests and instance run one Node
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

mount_data_volume() {
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
  case "$RELEASE_URL" in
    s3://*) aws s3 cp --only-show-errors "$RELEASE_URL" "${tmp}/release.tgz" --region "$AWS_REGION" ;;
    *) curl -fsSL "$RELEASE_URL" -o "${tmp}/release.tgz" ;;
  esac
  local dir; dir="${APP_DIR}/releases/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$dir"
  tar -xzf "${tmp}/release.tgz" -C "$dir"
  ln -sfn "$dir" "${APP_DIR}/current"
  rm -rf "$tmp"
}

write_environment() {
  local secret
  secret=$(aws ssm get-parameter --region "$AWS_REGION" --name "$SECRET_PARAMETER" --with-decryption \
    --query Parameter.Value --output text)
  install -d -m 0750 -o root -g cadastro /etc/cadastro
  umask 027
  cat > /etc/cadastro/cadastro.env <<ENV
AWS_REGION=${AWS_REGION}
CADASTRO_TABLE=${CADASTRO_TABLE}
CADASTRO_BUCKET=${CADASTRO_BUCKET}
PORT=${PORT}
CADASTRO_BLIND_INDEX_SECRET=${secret}
ENV
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
  install -D -m 0644 "${APP_DIR}/current/ec2/cloudwatch-agent.json" \
    /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
  amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \
    -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
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
start_service
echo "cadastro user-data: done $(date -Is)"
