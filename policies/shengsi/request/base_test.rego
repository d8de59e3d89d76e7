package shengsi.request_test

import data.shengsi.fixtures as f

test_allow_clean_public_web_port if {
	f.deny(f.input_) == set()
	f.warn(f.input_) == set()
}
