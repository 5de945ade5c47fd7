/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small streaming JSON writer for -j output: one value at a time, with
 * the commas and the escaping taken care of. Objects and arrays nest up to
 * JSON_MAX_DEPTH deep.
 */
#ifndef HELLONL_JSON_H
#define HELLONL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 8

struct json {
	FILE *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH + 1];
};

void json_init(struct json *j, FILE *out);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);

/* Inside an object, each value comes after its key. */
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_u64(struct json *j, uint64_t n);
void json_double(struct json *j, double d);
void json_bool(struct json *j, bool b);

/* Shorthands for key and value together. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_u64(struct json *j, const char *key, uint64_t n);

/* Write @s as a JSON string, quotes included. */
void json_write_string(FILE *out, const char *s);

#endif
