#ifndef DUN_CCURL_SHIM_H
#define DUN_CCURL_SHIM_H

#include <curl/curl.h>

/* Swift cannot call C variadic functions, so each argument type curl_easy_setopt, curl_easy_getinfo and
   curl_multi_setopt take gets a typed wrapper. */

typedef size_t (*dun_curl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

static inline CURLcode dun_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dun_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dun_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dun_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dun_curl_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dun_curl_easy_setopt_callback(CURL *handle, CURLoption option, dun_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dun_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode dun_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode dun_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

#endif
