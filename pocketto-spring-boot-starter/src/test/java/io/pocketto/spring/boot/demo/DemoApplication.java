package io.pocketto.spring.boot.demo;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The starter's test application: accounts over HTTP, stored by Pocketto in the application's DataSource. */
@SpringBootApplication
public class DemoApplication {}
