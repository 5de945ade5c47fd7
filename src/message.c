// SPDX-License-Identifier: GPL-2.0
/*
 * What makes a message acceptable: hellonl_check_text() is the rule, and
 * says why a text breaks it, for whatever stores a message;
 * hellonl_check_message() adds Generic Netlink's framing.
 */
#include <linux/netlink.h>
#include <linux/string.h>

#include "internal.h"

/*
 * Is s[0..len) well-formed UTF-8? Overlong forms, UTF-16 surrogates and
 * code points past U+10FFFF are not.
 */
static bool hellonl_utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned int cp, min, more, j;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			cp = s[i] & 0x1f;
			min = 0x80;
			more = 1;
		} else if ((s[i] & 0xf0) == 0xe0) {
			cp = s[i] & 0x0f;
			min = 0x800;
			more = 2;
		} else if ((s[i] & 0xf8) == 0xf0) {
			cp = s[i] & 0x07;
			min = 0x10000;
			more = 3;
		} else {
			return false;
		}
		if (len - i <= more)
			return false;
		for (j = 1; j <= more; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += more + 1;
	}
	return true;
}

/**
 * hellonl_check_text - may this text become the message?
 * @text: the text, without a terminating NUL
 * @len: its length in bytes
 * @extack: where to say why not
 *
 * Return: 0, or -EINVAL with the broken rule in @extack.
 */
int hellonl_check_text(const char *text, size_t len,
		       struct netlink_ext_ack *extack)
{
	if (!len) {
		NL_SET_ERR_MSG(extack, "message is empty");
		return -EINVAL;
	}
	if (len > HELLONL_MESSAGE_MAX) {
		NL_SET_ERR_MSG(extack, "message longer than "
			       __stringify(HELLONL_MESSAGE_MAX) " bytes");
		return -EINVAL;
	}
	if (!hellonl_utf8_valid(text, len)) {
		NL_SET_ERR_MSG(extack, "message is not valid UTF-8");
		return -EINVAL;
	}
	return 0;
}

/**
 * hellonl_check_message - may this string attribute become the message?
 * @text: the bytes received, a string and its terminating NUL
 * @size: how many bytes @text has, the NUL included
 * @extack: where to say why not
 *
 * The Generic Netlink family's framing:
 * the text ends at its first NUL, and bytes after it may only be more
 * NULs, so that nothing the sender wrote is silently dropped. The family's
 * NLA_NUL_STRING policy refuses a text without a NUL before this runs; the
 * check here keeps the function safe on its own.
 *
 * Return: 0, or -EINVAL with the broken rule in @extack.
 */
int hellonl_check_message(const char *text, size_t size,
			  struct netlink_ext_ack *extack)
{
	size_t len = strnlen(text, size);

	if (len == size) {
		NL_SET_ERR_MSG(extack, "message is not NUL-terminated");
		return -EINVAL;
	}
	if (memchr_inv(text + len, 0, size - len)) {
		NL_SET_ERR_MSG(extack, "message has a NUL byte inside it");
		return -EINVAL;
	}
	return hellonl_check_text(text, len, extack);
}
