#!/usr/bin/env bash
# scripts/mailserver.sh start|stop <dir> – a throwaway mail server for the e-mail tests (issue 15.2): Postfix (SMTP)
# and Dovecot (IMAP) on free loopback ports, with their own configuration, queue, logs and Maildirs under <dir>. The
# system's own /etc/postfix and /etc/dovecot are not read or changed. Postfix relays nothing: every address of the test
# domains is delivered into a Maildir, any other address bounces. SMTP AUTH (PLAIN/LOGIN through Dovecot) and IMAP
# plain login are allowed without TLS, on 127.0.0.1 only. Must run as root (Postfix's master and Dovecot start so).
#
# "start" prints the variables for the tests (also written to <dir>/env):
#   AMTSWEG_TEST_SMTP=127.0.0.1:<port>   AMTSWEG_TEST_IMAP=127.0.0.1:<port>   AMTSWEG_TEST_MAILDIR=<dir>/mail
# The test mailboxes (user = address, password as given; Maildir <dir>/mail/<domain>/<user>/):
#   postfach@gemeinde.test  postfach-geheim   – a municipality's incoming mailbox (IMAP)
#   versand@gemeinde.test   versand-geheim    – a municipality's sender (SMTP AUTH)
#   buerger@buerger.test    buerger-geheim    – a citizen who receives letters
set -euo pipefail

usage() { echo "Aufruf: $0 start|stop <Verzeichnis>" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
action="$1"
dir="$(realpath -m "$2")"

free_port() {
  local port
  for port in $(seq "$1" "$2"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "kein freier Port zwischen $1 und $2" >&2
  exit 1
}

stop() {
  if [[ -f "$dir/postfix/main.cf" ]]; then
    /usr/sbin/postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true
  fi
  if [[ -f "$dir/dovecot/dovecot.conf" ]]; then
    /usr/sbin/dovecot -c "$dir/dovecot/dovecot.conf" stop >/dev/null 2>&1 || true
  fi
}

if [[ "$action" == "stop" ]]; then
  stop
  exit 0
fi
[[ "$action" == "start" ]] || usage
[[ "$(id -u)" == "0" ]] || { echo "mailserver.sh: muss als root laufen" >&2; exit 1; }
[[ -x /usr/sbin/postfix && -x /usr/sbin/dovecot ]] || { echo "mailserver.sh: postfix oder dovecot fehlt (apt-get install postfix dovecot-imapd)" >&2; exit 1; }
id postfix >/dev/null 2>&1 && getent group postdrop >/dev/null || { echo "mailserver.sh: Benutzer postfix oder Gruppe postdrop fehlt" >&2; exit 1; }

mkdir -p "$dir"
chmod 755 "$dir"
smtp_port="$(free_port 12525 12599)"
imap_port="$(free_port 11143 11199)"
auth_port="$(free_port 12600 12699)"
[[ "$auth_port" != "$smtp_port" ]] || auth_port="$(free_port $((smtp_port + 1)) 12699)"

# The Maildirs belong to the system user "mail"; Postfix's virtual agent writes and Dovecot reads as that user.
mail_uid="$(id -u mail)"
mail_gid="$(id -g mail)"
mkdir -p "$dir/mail"
users=(postfach@gemeinde.test:postfach-geheim versand@gemeinde.test:versand-geheim buerger@buerger.test:buerger-geheim)
: >"$dir/vmailbox"
: >"$dir/users"
for entry in "${users[@]}"; do
  address="${entry%%:*}"
  password="${entry#*:}"
  user="${address%@*}"
  domain="${address#*@}"
  mkdir -p "$dir/mail/$domain/$user"/{cur,new,tmp}
  echo "$address $domain/$user/" >>"$dir/vmailbox"
  echo "$address:{PLAIN}$password:$mail_uid:$mail_gid::$dir/mail/$domain/$user" >>"$dir/users"
done
chown -R mail:mail "$dir/mail"
chmod 644 "$dir/users" "$dir/vmailbox"

# Postfix: own config, queue and data directories; no chroot, so that it reads the maps under <dir>.
pf="$dir/postfix"
mkdir -p "$pf" "$dir/spool" "$dir/data"
chown postfix "$dir/data"
cat >"$pf/main.cf" <<EOF
compatibility_level = 3.6
config_directory = $pf
queue_directory = $dir/spool
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.gemeinde.test
mydomain = gemeinde.test
myorigin = gemeinde.test
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
default_transport = error:Die Testumgebung stellt nichts nach außen zu
relay_transport = error:Die Testumgebung stellt nichts nach außen zu
virtual_mailbox_domains = gemeinde.test buerger.test
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = texthash:$dir/vmailbox
virtual_minimum_uid = $mail_uid
virtual_uid_maps = static:$mail_uid
virtual_gid_maps = static:$mail_gid
virtual_mailbox_limit = 0
message_size_limit = 52428800
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$auth_port
smtpd_sasl_security_options = noanonymous
smtpd_tls_security_level = none
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = reject_unlisted_recipient
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
biff = no
append_dot_mydomain = no
alias_maps =
alias_database =
local_recipient_maps =
smtputf8_enable = yes
EOF
cat >"$pf/master.cf" <<EOF
127.0.0.1:$smtp_port inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF

# Dovecot: own base directory and logs; IMAP and the authentication service for Postfix on loopback ports.
dc="$dir/dovecot"
mkdir -p "$dc" "$dir/dovecot-run"
cat >"$dc/dovecot.conf" <<EOF
base_dir = $dir/dovecot-run
instance_name = amtsweg-test-$imap_port
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $dir/dovecot.log
mail_location = maildir:~
first_valid_uid = $mail_uid
last_valid_uid = $mail_uid
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service auth {
  inet_listener {
    address = 127.0.0.1
    port = $auth_port
  }
}
EOF

trap 'stop' ERR
/usr/sbin/dovecot -c "$dc/dovecot.conf" >"$dir/dovecot-start.log" 2>&1 || { cat "$dir/dovecot-start.log" >&2; exit 1; }
/usr/sbin/postfix -c "$pf" start >"$dir/postfix-start.log" 2>&1 || { cat "$dir/postfix-start.log" >&2; exit 1; }

# Both answer within a few seconds, or the start failed.
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null; then
    trap - ERR
    {
      echo "AMTSWEG_TEST_SMTP=127.0.0.1:$smtp_port"
      echo "AMTSWEG_TEST_IMAP=127.0.0.1:$imap_port"
      echo "AMTSWEG_TEST_MAILDIR=$dir/mail"
    } | tee "$dir/env"
    exit 0
  fi
  sleep 0.1
done
echo "mailserver.sh: Postfix oder Dovecot antwortet nicht (siehe $dir/postfix.log, $dir/dovecot.log)" >&2
stop
exit 1
